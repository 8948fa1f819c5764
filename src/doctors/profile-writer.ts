import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service.js';
import { SearchOutbox } from '../search/outbox/search-outbox.service.js';
import { deriveClinicianType } from './clinician-type.js';
import { presentDoctor } from './doctor.presenter.js';
import { DoctorErrors } from './doctors.errors.js';
import { DoctorsRepository, type DoctorChanges } from './doctors.repository.js';
import { displayNameOf, slugBase } from './profile-names.js';
import type { DoctorDto } from './dto/doctor-response.dto.js';
import type { DoctorSpecialty } from './entities/doctor-specialty.entity.js';
import type { Doctor, Provenance } from './entities/doctor.entity.js';
import type { LocationRow } from './location-geocoding.js';
import { SpecialtiesService } from './specialties/specialties.service.js';

/** A change to one profile: columns, whole lists, and the provenance the profile ends with. */
export interface ProfileWrite {
  changes: DoctorChanges;
  specialties?: Omit<DoctorSpecialty, 'doctorId'>[];
  locations?: LocationRow[];
  provenance: Provenance;
}

/** What the audit log keeps of a profile: its content, without the bookkeeping every write changes. */
export function auditSnapshot(doctor: DoctorDto): Record<string, unknown> {
  const { updatedAt: _updatedAt, provenance: _provenance, ...content } = doctor;
  return content;
}

/**
 * Writes a change to a locked profile with everything that follows from it: display name, clinician type, a new
 * slug after a rename (the old one redirects), the version bump (failing if someone wrote first), the search
 * outbox entry and the audit row (`action`, before and after). The API's updates, accepted conflicts and merges all go through here.
 */
@Injectable()
export class ProfileWriter {
  constructor(
    private readonly doctors: DoctorsRepository,
    private readonly specialties: SpecialtiesService,
    private readonly outbox: SearchOutbox,
    private readonly audit: AuditLog,
  ) {}

  async write(current: Doctor, action: string, { changes, specialties, locations, provenance }: ProfileWrite): Promise<DoctorDto> {
    const before = await this.profileOf(current.id);
    const givenName = changes.givenName ?? current.givenName;
    const familyName = changes.familyName ?? current.familyName;
    const credentials = changes.credentials ?? current.credentials;
    const nameSuffix = changes.nameSuffix !== undefined ? changes.nameSuffix : current.nameSuffix;
    const derived: DoctorChanges = { displayName: displayNameOf(givenName, familyName, nameSuffix, credentials), provenance };
    if (specialties || changes.credentials) {
      const codes = specialties ? specialties.flatMap((s) => (s.specialtyCode ? [s.specialtyCode] : [])) : await this.specialties.codesOf(current.id);
      derived.clinicianType = deriveClinicianType(credentials, codes);
    }
    if (!(await this.doctors.updateIfVersion(current.id, current.version, { ...changes, ...derived }))) throw DoctorErrors.STALE_VERSION();
    if (givenName !== current.givenName || familyName !== current.familyName) {
      const city = locations?.[0]?.city ?? before.locations[0]?.city;
      await this.doctors.renameSlug(current.id, slugBase(givenName, familyName, city));
    }
    if (specialties) await this.doctors.replaceSpecialties(current.id, specialties);
    if (locations) await this.doctors.replaceLocations(current.id, locations);
    await this.outbox.enqueue('doctor', [current.id]);
    const after = await this.profileOf(current.id);
    await this.audit.record({ action, entityType: 'doctor', entityId: current.id, before: auditSnapshot(before), after: auditSnapshot(after) });
    return after;
  }

  private async profileOf(id: string): Promise<DoctorDto> {
    const row = await this.doctors.findProfile(id);
    if (!row) throw DoctorErrors.NOT_FOUND(`No doctor ${id}`);
    return presentDoctor(row);
  }
}
