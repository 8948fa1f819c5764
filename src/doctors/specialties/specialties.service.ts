import { Injectable } from '@nestjs/common';
import { CommonErrors, type FieldErrors } from '../../common/errors/app-error.js';
import { decodeCursor, toPage, type Page, type PageQueryDto } from '../../common/http/pagination.js';
import { Database } from '../../database/database.js';
import type { ClinicianType } from '../clinician-type.js';
import type { SpecialtyInputDto } from '../dto/doctor-input.dto.js';
import type { SpecialtyDto } from '../dto/doctor-response.dto.js';
import type { DoctorSpecialty } from '../entities/doctor-specialty.entity.js';
import { findSpecialty } from './specialty-lookup.js';

type SpecialtyRow = { code: string; name: string; practitioner_noun: string; synonyms: string[]; clinician_type: string };

const present = (row: SpecialtyRow): SpecialtyDto => ({
  code: row.code,
  name: row.name,
  practitionerNoun: row.practitioner_noun,
  synonyms: row.synonyms,
  clinicianType: row.clinician_type as ClinicianType,
});

/** Resolves what clients send (a code, a name, a noun or a synonym) to catalog codes, and lists the catalog. */
@Injectable()
export class SpecialtiesService {
  constructor(private readonly db: Database) {}

  /** Client specialties → rows; every problem is reported against its field, nothing is guessed. */
  resolveInputs(inputs: readonly SpecialtyInputDto[], field: string): Omit<DoctorSpecialty, 'doctorId'>[] {
    const errors: FieldErrors = {};
    const codes: string[] = [];
    inputs.forEach((input, index) => {
      const path = `${field}.${index}`;
      if ((input.code === undefined) === (input.name === undefined)) {
        errors[path] = ['give exactly one of code or name'];
        return;
      }
      const found = findSpecialty((input.code ?? input.name) as string);
      if (!found || (input.code !== undefined && found.code.toUpperCase() !== input.code.toUpperCase())) {
        errors[`${path}.${input.code !== undefined ? 'code' : 'name'}`] = ['is not a known specialty (see GET /v1/specialties)'];
        return;
      }
      if (codes.includes(found.code)) errors[path] = [`${found.name} is listed twice`];
      codes.push(found.code);
    });
    const primaries = inputs.filter((input) => input.primary === true).length;
    if (primaries > 1) errors[field] = ['at most one specialty can be primary'];
    if (Object.keys(errors).length > 0) throw CommonErrors.VALIDATION_FAILED('Invalid specialties', { errors });
    const primaryIndex = Math.max(0, inputs.findIndex((input) => input.primary === true));
    return codes.map((code, position) => ({ position, specialtyCode: code, rawName: null, isPrimary: position === primaryIndex }));
  }

  /** A list filter value → its code; an unknown value is a 400, not an empty page. */
  resolveFilter(value: string, field: string): string {
    const found = findSpecialty(value);
    if (!found) throw CommonErrors.VALIDATION_FAILED(`Unknown specialty "${value}"`, { errors: { [field]: ['is not a known specialty (see GET /v1/specialties)'] } });
    return found.code;
  }

  async codesOf(doctorId: string): Promise<string[]> {
    const rows = await this.db.query<{ specialty_code: string }>(
      'SELECT specialty_code FROM doctor_specialties WHERE doctor_id = $1 AND specialty_code IS NOT NULL ORDER BY position',
      [doctorId],
    );
    return rows.map((r) => r.specialty_code);
  }

  async list(query: PageQueryDto): Promise<Page<SpecialtyDto>> {
    const limit = query.limit ?? 100;
    const after = query.after === undefined ? null : String(decodeCursor(query.after, 1)[0]);
    const rows = await this.db.query<SpecialtyRow>(
      `SELECT code, name, practitioner_noun, synonyms, clinician_type FROM specialties
        WHERE $1::text IS NULL OR name > $1 ORDER BY name LIMIT $2`,
      [after, limit + 1],
    );
    return toPage(rows, limit, (row) => [row.name], present);
  }
}
