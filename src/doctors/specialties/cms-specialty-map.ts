import { foldForMatch } from '../../common/text/fold.js';
import { catalogSpecialtyForCode, findSpecialty } from './specialty-lookup.js';

/** One Medicare specialty of the CMS crosswalk and the NUCC codes it covers, base code first. */
export interface MedicareSpecialty {
  medicareCode: string;
  /** As the crosswalk writes it, e.g. "Physician/Cardiovascular Disease (Cardiology)". */
  name: string;
  taxonomyCodes: readonly string[];
}

// <generated> by scripts/generate-cms-specialty-map.mjs from cms_medicare_specialty_taxonomy_crosswalk_2025-01-02.csv; edit the script, not this block.
export const MEDICARE_SPECIALTIES: readonly MedicareSpecialty[] = [
  { medicareCode: '01', name: 'Physician/General Practice', taxonomyCodes: ['208D00000X'] },
  { medicareCode: '02', name: 'Physician/General Surgery', taxonomyCodes: ['208600000X', '2086H0002X', '2086S0120X', '2086S0122X', '2086S0105X', '2086S0102X', '2086X0206X', '2086S0127X', '2086S0129X', '208G00000X', '204F00000X', '208C00000X', '207T00000X', '204E00000X', '207X00000X', '207XS0114X', '207XX0004X', '207XS0106X', '207XS0117X', '207XX0801X', '207XP3100X', '207XX0005X', '208200000X', '2082S0099X', '2082S0105X'] },
  { medicareCode: '03', name: 'Physician/Allergy/ Immunology', taxonomyCodes: ['207K00000X', '207KA0200X', '207KI0005X'] },
  { medicareCode: '04', name: 'Physician/Otolaryngology', taxonomyCodes: ['207Y00000X', '207YS0123X', '207YX0602X', '207YX0905X', '207YX0901X', '207YP0228X', '207YX0007X', '207YS0012X'] },
  { medicareCode: '05', name: 'Physician/Anesthesiology', taxonomyCodes: ['207L00000X', '207LA0401X', '207LC0200X', '207LH0002X', '207LP2900X', '207LP3000X'] },
  { medicareCode: '06', name: 'Physician/Cardiovascular Disease (Cardiology)', taxonomyCodes: ['207RC0000X'] },
  { medicareCode: '07', name: 'Physician/Dermatology', taxonomyCodes: ['207N00000X', '207NI0002X', '207ND0101X', '207ND0900X', '207NP0225X', '207NS0135X'] },
  { medicareCode: '08', name: 'Physician/Family Practice', taxonomyCodes: ['207Q00000X', '207QA0401X', '207QA0000X', '207QA0505X', '207QB0002X', '207QG0300X', '207QH0002X', '207QS0010X', '207QS1201X'] },
  { medicareCode: '09', name: 'Physician/Interventional Pain Management', taxonomyCodes: ['208VP0014X'] },
  { medicareCode: '10', name: 'Physician/Gastroenterology', taxonomyCodes: ['207RG0100X'] },
  { medicareCode: '11', name: 'Physician/Internal Medicine', taxonomyCodes: ['207R00000X', '207RA0401X', '207RA0000X', '207RA0001X', '207RA0201X', '207RB0002X', '207RC0000X', '207RI0001X', '207RC0200X', '207RE0101X', '207RG0100X', '207RG0300X', '207RH0000X', '207RH0003X', '207RI0008X', '207RH0002X', '207RI0200X', '207RM1200X', '207RX0202X', '207RN0300X', '207RP1001X', '207RR0500X', '207RS0012X', '207RS0010X', '207RT0003X'] },
  { medicareCode: '12', name: 'Physician/Osteopathic Manipulative Medicine', taxonomyCodes: ['204D00000X', '204C00000X'] },
  { medicareCode: '13', name: 'Physician/Neurology', taxonomyCodes: ['2084N0400X', '2084N0402X', '2085N0700X', '2084E0001X', '2084A2900X'] },
  { medicareCode: '14', name: 'Physician/Neurosurgery', taxonomyCodes: ['207T00000X'] },
  { medicareCode: '15', name: 'Speech Language Pathologist', taxonomyCodes: ['235Z00000X'] },
  { medicareCode: '16', name: 'Physician/Obstetrics & Gynecology', taxonomyCodes: ['207V00000X', '207VB0002X', '207VC0200X', '207VF0040X', '207VX0201X', '207VG0400X', '207VH0002X', '207VM0101X', '207VC0300X', '207VX0000X', '207VE0102X'] },
  { medicareCode: '17', name: 'Physician/Hospice and Palliative Care', taxonomyCodes: ['2086H0002X', '207QH0002X', '207LH0002X', '207RH0002X', '207VH0002X', '2084H0002X', '207PH0002X'] },
  { medicareCode: '18', name: 'Physician/Ophthalmology', taxonomyCodes: ['207W00000X', '207WX0009X', '207WX0107X', '207WX0108X', '207WX0109X', '207WX0110X', '207WX0120X', '207WX0200X'] },
  { medicareCode: '19', name: 'Oral Surgery (Dentist only)', taxonomyCodes: ['1223S0112X'] },
  { medicareCode: '20', name: 'Physician/Orthopedic Surgery', taxonomyCodes: ['207X00000X', '207XS0114X', '207XX0004X', '207XS0106X', '207XS0117X', '207XX0801X', '207XP3100X', '207XX0005X'] },
  { medicareCode: '21', name: 'Clinical Cardiac Electrophysiology', taxonomyCodes: ['207RC0001X'] },
  { medicareCode: '22', name: 'Physician/Pathology', taxonomyCodes: ['207ZP0101X', '207ZP0102X', '207ZB0001X', '207ZP0104X', '207ZC0006X', '207ZP0105X', '207ZC0500X', '207ZD0900X', '207ZF0201X', '207ZH0000X', '207ZI0100X', '207ZM0300X', '207ZP0007X', '207ZN0500X', '207ZP0213X', '207ZC0008X'] },
  { medicareCode: '23', name: 'Physician/Sports Medicine', taxonomyCodes: ['207XX0005X', '207PS0010X', '207QS0010X', '207RS0010X', '204C00000X', '2080S0010X', '2081P0301X', '2081S0010X', '2083S0010X', '2084S0010X'] },
  { medicareCode: '24', name: 'Physician/Plastic and Reconstructive Surgery', taxonomyCodes: ['208200000X', '2082S0099X', '2082S0105X'] },
  { medicareCode: '25', name: 'Physician/Physical Medicine and Rehabilitation', taxonomyCodes: ['208100000X', '2081H0002X', '2081N0008X', '2081P2900X', '2081P0010X', '2081P0004X', '2081S0010X'] },
  { medicareCode: '26', name: 'Physician/Psychiatry', taxonomyCodes: ['2084P0800X', '2084P0301X'] },
  { medicareCode: '27', name: 'Physician/Geriatric Psychiatry', taxonomyCodes: ['207QG0300X'] },
  { medicareCode: '28', name: 'Physician/Colorectal Surgery (Proctology)', taxonomyCodes: ['208C00000X'] },
  { medicareCode: '29', name: 'Physician/Pulmonary Disease', taxonomyCodes: ['207RP1001X'] },
  { medicareCode: '30', name: 'Physician/Diagnostic Radiology', taxonomyCodes: ['2085R0202X', '2085R0205X', '2085U0001X', '2085D0003X', '2085P0229X'] },
  { medicareCode: '31', name: 'Intensive Cardiac Rehabilitation', taxonomyCodes: ['163WC3500X', '261QR0404X'] },
  { medicareCode: '32', name: 'Anesthesiology Assistant', taxonomyCodes: ['367H00000X'] },
  { medicareCode: '33', name: 'Physician/Thoracic Surgery', taxonomyCodes: ['208G00000X'] },
  { medicareCode: '34', name: 'Physician/Urology', taxonomyCodes: ['208800000X', '2088P0231X', '2088F0040X'] },
  { medicareCode: '35', name: 'Chiropractic', taxonomyCodes: ['111N00000X', '111NI0013X', '111NI0900X', '111NN0400X', '111NN1001X', '111NX0100X', '111NX0800X', '111NP0017X', '111NR0200X', '111NR0400X', '111NS0005X', '111NT0100X'] },
  { medicareCode: '36', name: 'Physician/Nuclear Medicine', taxonomyCodes: ['207U00000X', '2085N0904X', '207UN0903X', '207UN0901X', '207UN0902X'] },
  { medicareCode: '37', name: 'Physician/Pediatric Medicine', taxonomyCodes: ['208000000X', '2080A0000X', '2080I0007X', '2080P0006X', '2080H0002X', '2080T0002X', '2080N0001X', '2080P0008X', '2080P0201X', '2080P0202X', '2080P0203X', '2080P0204X', '2080P0205X', '2080P0206X', '2080P0207X', '2080P0208X', '2080P0210X', '2080P0214X', '2080P0216X', '2080T0004X', '2080S0012X', '2080S0010X', '2080B0002X', '2080C0008X'] },
  { medicareCode: '38', name: 'Physician/Geriatric Medicine', taxonomyCodes: ['207RG0300X', '207QG0300X'] },
  { medicareCode: '39', name: 'Physician/Nephrology', taxonomyCodes: ['207RN0300X'] },
  { medicareCode: '40', name: 'Physician/Hand Surgery', taxonomyCodes: ['2086S0105X', '2082S0105X', '207XS0106X'] },
  { medicareCode: '41', name: 'Optometry', taxonomyCodes: ['152W00000X', '152WC0802X', '152WL0500X', '152WX0102X', '152WP0200X', '152WS0006X', '152WV0400X'] },
  { medicareCode: '42', name: 'Certified Nurse Midwife', taxonomyCodes: ['367A00000X'] },
  { medicareCode: '43', name: 'Certified Registered Nurse Anesthetist (CRNA)', taxonomyCodes: ['367500000X'] },
  { medicareCode: '44', name: 'Physician/Infectious Disease', taxonomyCodes: ['207RI0200X'] },
  { medicareCode: '45', name: 'Mammography Center', taxonomyCodes: ['261QR0208X', '261QR0207X'] },
  { medicareCode: '46', name: 'Physician/Endocrinology', taxonomyCodes: ['207RE0101X'] },
  { medicareCode: '47', name: 'Independent Diagnostic Testing Facility (IDTF)', taxonomyCodes: ['293D00000X'] },
  { medicareCode: '48', name: 'Podiatry', taxonomyCodes: ['213E00000X', '213ES0103X', '213ES0131X', '213EG0000X', '213EP1101X', '213EP0504X', '213ER0200X', '213ES0000X'] },
  { medicareCode: '49', name: 'Ambulatory Surgical Center', taxonomyCodes: ['261QA1903X'] },
  { medicareCode: '50', name: 'Nurse Practitioner', taxonomyCodes: ['363L00000X', '363LA2100X', '363LA2200X', '363LC1500X', '363LC0200X', '363LF0000X', '363LG0600X', '363LN0000X', '363LN0005X', '363LX0001X', '363LX0106X', '363LP0200X', '363LP0222X', '363LP1700X', '363LP2300X', '363LP0808X', '363LS0200X', '363LW0102X'] },
  { medicareCode: '51', name: 'Medical Supply Company with Orthotist', taxonomyCodes: ['335E00000X'] },
  { medicareCode: '52', name: 'Medical Supply Company with Prosthetist', taxonomyCodes: ['335E00000X'] },
  { medicareCode: '53', name: 'Medical Supply Company with Orthotist-Prosthetist', taxonomyCodes: ['335E00000X'] },
  { medicareCode: '54', name: 'Other Medical Supply Company', taxonomyCodes: ['332B00000X'] },
  { medicareCode: '55', name: 'Individual Certified Orthotist', taxonomyCodes: ['222Z00000X'] },
  { medicareCode: '56', name: 'Individual Certified Prosthetist', taxonomyCodes: ['224P00000X', '229N00000X'] },
  { medicareCode: '57', name: 'Individual Certified Prosthetist-Orthotist', taxonomyCodes: ['222Z00000X', '229N00000X', '224P00000X'] },
  { medicareCode: '58', name: 'Medical Supply Company with Pharmacist', taxonomyCodes: ['332B00000X', '333600000X', '3336C0002X', '3336C0003X', '3336C0004X', '3336H0001X', '3336I0012X', '3336L0003X', '3336M0002X', '3336M0003X', '3336N0007X', '3336S0011X'] },
  { medicareCode: '59', name: 'Ambulance Service Provider', taxonomyCodes: ['341600000X', '3416A0800X', '3416L0300X', '3416S0300X'] },
  { medicareCode: '60', name: 'Public Health or Welfare Agency', taxonomyCodes: ['251K00000X'] },
  { medicareCode: '61', name: 'Voluntary Health or Charitable Agency', taxonomyCodes: ['251V00000X'] },
  { medicareCode: '62', name: 'Psychologist, Clinical', taxonomyCodes: ['103T00000X', '103TA0400X', '103TA0700X', '103TC0700X', '103TC2200X', '103TB0200X', '103TC1900X', '103TE1000X', '103TE1100X', '103TF0000X', '103TF0200X', '103TP2701X', '103TH0004X', '103TH0100X', '103TM1700X', '103TM1800X', '103TP0016X', '103TP0814X', '103TP2700X', '103TR0400X', '103TS0200X', '103TW0100X', '106E00000X', '106S00000X'] },
  { medicareCode: '63', name: 'Portable X-Ray Supplier', taxonomyCodes: ['335V00000X'] },
  { medicareCode: '64', name: 'Audiologist', taxonomyCodes: ['231H00000X', '231HA2500X', '231HA2400X'] },
  { medicareCode: '65', name: 'Physical Therapist in Private Practice', taxonomyCodes: ['225100000X', '2251C2600X', '2251E1300X', '2251E1200X', '2251G0304X', '2251H1200X', '2251H1300X', '2251N0400X', '2251X0800X', '2251P0200X', '2251S0007X'] },
  { medicareCode: '66', name: 'Physician/Rheumatology', taxonomyCodes: ['207RR0500X'] },
  { medicareCode: '67', name: 'Occupational Therapist in Private Practice', taxonomyCodes: ['225X00000X', '225XR0403X', '225XE0001X', '225XE1200X', '225XF0002X', '225XG0600X', '225XH1200X', '225XH1300X', '225XL0004X', '225XM0800X', '225XN1300X', '225XP0200X', '225XP0019X'] },
  { medicareCode: '69', name: 'Clinical Laboratory', taxonomyCodes: ['291U00000X'] },
  { medicareCode: '70', name: 'Clinic or Group Practice', taxonomyCodes: ['261QM1300X', '261QP2000X', '193200000X', '261Q00000X', '193400000X'] },
  { medicareCode: '71', name: 'Registered Dietitian or Nutrition Professional', taxonomyCodes: ['133V00000X', '133VN1006X', '133VN1004X', '133VN1005X', '133VN1101X', '133VN1201X', '133VN1301X', '133VN1401X', '133VN1501X'] },
  { medicareCode: '72', name: 'Physician/Pain Management', taxonomyCodes: ['208VP0000X'] },
  { medicareCode: '74', name: 'Radiation Therapy Center', taxonomyCodes: ['261QR0200X'] },
  { medicareCode: '75', name: 'Slide Preparation Facility', taxonomyCodes: ['247200000X'] },
  { medicareCode: '76', name: 'Physician/Peripheral Vascular Disease', taxonomyCodes: ['2086S0129X'] },
  { medicareCode: '77', name: 'Physician/Vascular Surgery', taxonomyCodes: ['2086S0129X'] },
  { medicareCode: '78', name: 'Physician/Cardiac Surgery', taxonomyCodes: ['208G00000X'] },
  { medicareCode: '79', name: 'Physician/Addiction Medicine', taxonomyCodes: ['207L00000X', '207QA0401X', '207RA0401X', '2084A0401X'] },
  { medicareCode: '80', name: 'Licensed Clinical Social Worker', taxonomyCodes: ['1041C0700X'] },
  { medicareCode: '81', name: 'Physician/Critical Care (Intensivists)', taxonomyCodes: ['207RC0200X'] },
  { medicareCode: '82', name: 'Physician/Hematology', taxonomyCodes: ['207RH0000X'] },
  { medicareCode: '83', name: 'Physician/Hematology-Oncology', taxonomyCodes: ['207RH0003X'] },
  { medicareCode: '84', name: 'Physician/Preventive Medicine', taxonomyCodes: ['2083A0100X', '2083T0002X', '2083X0100X', '2083P0500X', '2083P0901X', '2083S0010X', '2083P0011X', '2083A0300X', '2083B0002X', '2083C0008X'] },
  { medicareCode: '85', name: 'Physician/Maxillofacial Surgery', taxonomyCodes: ['204E00000X'] },
  { medicareCode: '86', name: 'Physician/Neuropsychiatry', taxonomyCodes: ['2084A0401X', '2084P0802X', '2084B0002X', '2084B0040X', '2084P0804X', '2084N0600X', '2084D0003X', '2084F0202X', '2084P0805X', '2084H0002X', '2084P0005X', '2084N0400X', '2084N0402X', '2084N0008X', '2084P2900X', '2084P0800X', '2084P0015X', '2084S0012X', '2084S0010X', '2084V0102X'] },
  { medicareCode: '87', name: 'All Other Suppliers', taxonomyCodes: ['332B00000X'] },
  { medicareCode: '89', name: 'Certified Clinical Nurse Specialist', taxonomyCodes: ['364S00000X', '364SA2100X', '364SA2200X', '364SC2300X', '364SC1501X', '364SC0200X', '364SE0003X', '364SE1400X', '364SF0001X', '364SG0600X', '364SH1100X', '364SH0200X', '364SI0800X', '364SL0600X', '364SM0705X', '364SN0000X', '364SN0800X', '364SX0106X', '364SX0200X', '364SX0204X', '364SP0200X', '364SP1700X', '364SP2800X', '364SP0808X', '364SP0809X', '364SP0807X', '364SP0810X', '364SP0811X', '364SP0812X', '364SP0813X', '364SR0400X', '364SS0200X', '364ST0500X', '364SW0102X'] },
  { medicareCode: '90', name: 'Physician/Medical Oncology', taxonomyCodes: ['207RX0202X'] },
  { medicareCode: '91', name: 'Physician/Surgical Oncology', taxonomyCodes: ['2086X0206X'] },
  { medicareCode: '92', name: 'Physician/Radiation Oncology', taxonomyCodes: ['2085R0001X'] },
  { medicareCode: '93', name: 'Physician/Emergency Medicine', taxonomyCodes: ['207P00000X', '207PE0004X', '207PH0002X', '207PT0002X', '207PP0204X', '207PS0010X', '207PE0005X'] },
  { medicareCode: '94', name: 'Physician/Interventional Radiology', taxonomyCodes: ['2085R0204X', '2085H0002X'] },
  { medicareCode: '96', name: 'Optician', taxonomyCodes: ['156FX1800X'] },
  { medicareCode: '97', name: 'Physician Assistant', taxonomyCodes: ['363A00000X', '363AM0700X', '363AS0400X'] },
  { medicareCode: '98', name: 'Physician/Gynecological Oncology', taxonomyCodes: ['207VX0201X'] },
  { medicareCode: '99', name: 'Physician/Undefined Physician type', taxonomyCodes: ['208D00000X'] },
  { medicareCode: 'A0', name: 'Hospital-General', taxonomyCodes: ['282N00000X'] },
  { medicareCode: 'A0', name: 'Hospital-Acute Care', taxonomyCodes: ['282N00000X'] },
  { medicareCode: 'A0', name: 'Hospital-Children’s (PPS excluded)', taxonomyCodes: ['282NC2000X'] },
  { medicareCode: 'A0', name: 'Hospital-Long-Term (PPS excluded)', taxonomyCodes: ['282E00000X'] },
  { medicareCode: 'A0', name: 'Hospital-Psychiatric (PPS excluded)', taxonomyCodes: ['283Q00000X'] },
  { medicareCode: 'A0', name: 'Hospital-Rehabilitation (PPS excluded)', taxonomyCodes: ['283X00000X'] },
  { medicareCode: 'A0', name: 'Hospital-Short-Term (General and Specialty)', taxonomyCodes: ['282N00000X'] },
  { medicareCode: 'A0', name: 'Hospital Units', taxonomyCodes: ['273100000X', '276400000X'] },
  { medicareCode: 'A0', name: 'Hospitals', taxonomyCodes: ['281P00000X', '281PC2000X', '282NR1301X', '282NW0100X', '283XC2000X', '286500000X', '2865M2000X', '2865X1600X'] },
  { medicareCode: 'A0', name: 'Hospital-Swing Bed Approved', taxonomyCodes: ['275N00000X'] },
  { medicareCode: 'A0', name: 'Hospital-Psychiatric Unit', taxonomyCodes: ['273R00000X'] },
  { medicareCode: 'A0', name: 'Hospital-Rehabilitation Unit', taxonomyCodes: ['273Y00000X'] },
  { medicareCode: 'A0', name: 'Hospital-Specialty Hospital (cardiac, orthopedic, surgical)', taxonomyCodes: ['284300000X'] },
  { medicareCode: 'A0', name: 'Critical Access Hospital', taxonomyCodes: ['282NC0060X'] },
  { medicareCode: 'A1', name: 'Skilled Nursing Facility', taxonomyCodes: ['314000000X', '3140N1450X'] },
  { medicareCode: 'A2', name: 'Intermediate Care Nursing Facility', taxonomyCodes: ['332B00000X', '315P00000X'] },
  { medicareCode: 'A3', name: 'Other Nursing Facility', taxonomyCodes: ['313M00000X'] },
  { medicareCode: 'A4', name: 'Home Health Agency', taxonomyCodes: ['251E00000X'] },
  { medicareCode: 'A4', name: 'Home Health Agency (Subunit)', taxonomyCodes: ['251E00000X'] },
  { medicareCode: 'A5', name: 'Pharmacy', taxonomyCodes: ['333600000X', '3336C0002X', '3336C0003X', '3336C0004X', '3336H0001X', '3336I0012X', '3336L0003X', '3336M0002X', '3336M0003X', '3336N0007X', '3336S0011X', '1835C0205X', '1835P0200X'] },
  { medicareCode: 'A6', name: 'Medical Supply Company with Respiratory Therapist', taxonomyCodes: ['332B00000X'] },
  { medicareCode: 'A7', name: 'Department Store', taxonomyCodes: ['332B00000X'] },
  { medicareCode: 'A8', name: 'Grocery Store', taxonomyCodes: ['332B00000X'] },
  { medicareCode: 'A9', name: 'Indian Health Service facility', taxonomyCodes: ['332800000X'] },
  { medicareCode: 'B1', name: 'Oxygen supplier', taxonomyCodes: ['332BX2000X'] },
  { medicareCode: 'B2', name: 'Pedorthic personnel', taxonomyCodes: ['222Z00000X', '224P00000X'] },
  { medicareCode: 'B3', name: 'Medical supply company with pedorthic personnel', taxonomyCodes: ['332B00000X'] },
  { medicareCode: 'B4', name: 'Rehabilitation Agency', taxonomyCodes: ['261QR0400X', '315D00000X'] },
  { medicareCode: 'B4', name: 'Organ Procurement Organization', taxonomyCodes: ['335U00000X'] },
  { medicareCode: 'B4', name: 'Community Mental Health Center', taxonomyCodes: ['261QM0801X'] },
  { medicareCode: 'B4', name: 'Comprehensive Outpatient Rehabilitation Facility', taxonomyCodes: ['261QR0401X'] },
  { medicareCode: 'B4', name: 'End-Stage Renal Disease Facility', taxonomyCodes: ['261QE0700X'] },
  { medicareCode: 'B4', name: 'Federally Qualified Health Center', taxonomyCodes: ['261QF0400X'] },
  { medicareCode: 'B4', name: 'Hospice', taxonomyCodes: ['251G00000X'] },
  { medicareCode: 'B4', name: 'Histocompatibility Laboratory', taxonomyCodes: ['291U00000X', '291900000X'] },
  { medicareCode: 'B4', name: 'Outpatient Physical Therapy/Occupational Therapy/Speech Pathology Services', taxonomyCodes: ['261QR0400X'] },
  { medicareCode: 'B4', name: 'Religious Non-Medical Health Care Institution', taxonomyCodes: ['282J00000X'] },
  { medicareCode: 'B4', name: 'Rural Health Clinic', taxonomyCodes: ['261QR1300X'] },
  { medicareCode: 'B5', name: 'Ocularist', taxonomyCodes: ['156FX1700X'] },
  { medicareCode: 'C0', name: 'Physician/Sleep Medicine', taxonomyCodes: ['207QS1201X', '207RS0012X', '207YS0012X', '2080S0012X', '2084S0012X', '261QS1200X'] },
  { medicareCode: 'C3', name: 'Physician/Interventional Cardiology', taxonomyCodes: ['207RI0011X'] },
  { medicareCode: 'C5', name: 'Dentist', taxonomyCodes: ['122300000X', '1223G0001X'] },
  { medicareCode: 'C6', name: 'Physician/Hospitalist', taxonomyCodes: ['208M00000X'] },
  { medicareCode: 'C7', name: 'Physician/Advanced Heart Failure and Transplant Cardiology', taxonomyCodes: ['207RA0001X'] },
  { medicareCode: 'C8', name: 'Physician/Medical Toxicology', taxonomyCodes: ['207PT0002X'] },
  { medicareCode: 'D1', name: 'Medicare Diabetes Preventive Program', taxonomyCodes: ['174H00000X'] },
  { medicareCode: 'D3', name: 'Medical Genetics and Genomics', taxonomyCodes: ['207SG0201X', '207SG0202X', '207SG0203X', '207SG0205X', '207SM0001X'] },
  { medicareCode: 'D4', name: 'Undersea and Hyperbaric Medicine', taxonomyCodes: ['207PE0005X'] },
  { medicareCode: 'D5', name: 'Opioid Treatment Program', taxonomyCodes: ['261QR0405X'] },
  { medicareCode: 'D6', name: 'Home Infusion Therapy Services', taxonomyCodes: ['3336H0001X'] },
  { medicareCode: 'D7', name: 'Micrographic Dermatologic Surgery', taxonomyCodes: ['207ND0101X'] },
  { medicareCode: 'D8', name: 'Adult Congenital Heart Disease', taxonomyCodes: ['207RA0002X'] },
  { medicareCode: 'E1', name: 'Marriage and Family Therapist', taxonomyCodes: ['106H00000X'] },
  { medicareCode: 'E2', name: 'Mental Health Counselor', taxonomyCodes: ['101YM0800X'] },
  { medicareCode: 'E2', name: 'Licensed Professional Counselor', taxonomyCodes: ['101YP2500X'] },
];
// </generated>

/** "Physician/" prefixes and parenthetical qualifiers ("(Cardiology)", "(MDS)", "(Dentist only)") removed. */
const withoutQualifiers = (name: string): string => name.replace(/^\s*physician\s*\//i, '').replace(/\([^)]*\)/g, ' ');

/**
 * How CMS names are compared: folded, qualifiers removed, "and" dropped, so that the Doctors and
 * Clinicians file's "OBSTETRICS/GYNECOLOGY" meets the crosswalk's "Physician/Obstetrics & Gynecology".
 */
export function medicareNameKey(name: string): string {
  return foldForMatch(withoutQualifiers(name))
    .split(' ')
    .filter((word) => word !== 'and')
    .join(' ');
}

/** Doctors and Clinicians names that the crosswalk spells differently (both sides as medicareNameKey gives them). */
const DAC_NAME_ALIASES: Readonly<Record<string, string>> = {
  'family medicine': 'family practice',
  'physical therapy': 'physical therapist in private practice',
  'occupational therapy': 'occupational therapist in private practice',
  'clinical social worker': 'licensed clinical social worker',
  'clinical psychologist': 'psychologist clinical',
  'cardiac electrophysiology': 'clinical cardiac electrophysiology',
  'qualified audiologist': 'audiologist',
  'qualified speech language pathologist': 'speech language pathologist',
};

const BY_KEY: ReadonlyMap<string, MedicareSpecialty> = new Map(
  MEDICARE_SPECIALTIES.map((specialty) => [medicareNameKey(specialty.name), specialty]),
);

/** The crosswalk entry for a Medicare specialty name in any spelling CMS uses, or undefined. */
export function findMedicareSpecialty(cmsName: string): MedicareSpecialty | undefined {
  const key = medicareNameKey(cmsName);
  return BY_KEY.get(DAC_NAME_ALIASES[key] ?? key);
}

/**
 * The catalog code for a CMS specialty name (e.g. "CARDIOVASCULAR DISEASE (CARDIOLOGY)"), or undefined
 * when the crosswalk does not know the name or none of its codes reaches the catalog; the importer
 * then keeps the raw name with a warning. In order of preference:
 * 1. the catalog entry named like the Medicare specialty ("Addiction Medicine", "Geriatric
 *    Psychiatry"), because the crosswalk's first code is sometimes a loose fit (it lists
 *    Anesthesiology first for Addiction Medicine);
 * 2. the first of the crosswalk's codes that is in the catalog, the base code coming first;
 * 3. a catalog entry of the same NUCC classification as one of those codes.
 */
export function cmsSpecialtyToCatalogCode(cmsName: string): string | undefined {
  const medicare = findMedicareSpecialty(cmsName);
  if (!medicare) return undefined;
  const named = findSpecialty(withoutQualifiers(medicare.name), { typos: false });
  if (named) return named.code;
  const direct = medicare.taxonomyCodes.find((code) => catalogSpecialtyForCode(code)?.code === code);
  if (direct) return direct;
  for (const code of medicare.taxonomyCodes) {
    const sameClassification = catalogSpecialtyForCode(code);
    if (sameClassification) return sameClassification.code;
  }
  return undefined;
}
