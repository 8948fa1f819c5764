import { Injectable } from '@nestjs/common';
import { AuditLog } from '../audit/audit-log.service.js';
import { isStaff, type Principal } from '../auth/principal.js';
import { CommonErrors, type FieldErrors } from '../common/errors/app-error.js';
import { decodeCursor, toPage, type Page } from '../common/http/pagination.js';
import { isSlug } from '../common/text/fold.js';
import { Database } from '../database/database.js';
import { cityMatchKeys, Gazetteer } from '../geo/gazetteer.js';
import { SearchOutbox } from '../search/outbox/search-outbox.service.js';
import { deriveClinicianType } from './clinician-type.js';
import { normaliseCredentials } from './credentials.js';
import { presentDoctor } from './doctor.presenter.js';
import { DoctorErrors } from './doctors.errors.js';
import { DoctorsRepository, type DoctorChanges } from './doctors.repository.js';
import { OWNER_FIELDS, type CreateDoctorDto, type LocationInputDto, type UpdateDoctorDto } from './dto/doctor-input.dto.js';
import type { ListDoctorsQueryDto } from './dto/doctor-query.dto.js';
import type { DoctorDto } from './dto/doctor-response.dto.js';
import type { Doctor, Provenance, ProvenanceSource } from './entities/doctor.entity.js';
import { geocodeLocation, type LocationRow } from './location-geocoding.js';
import { displayNameOf, slugBase } from './profile-names.js';
import { auditSnapshot, ProfileWriter } from './profile-writer.js';
import { SpecialtiesService } from './specialties/specialties.service.js';

/**
 * `etagCoversRating`: the rating summary has not changed since this profile version was written. Rating changes do
 * not bump the profile version (owners editing with If-Match must not get 412s because a review arrived), so only
 * then may an If-None-Match on the version answer 304 without serving an old rating.
 */
export type DoctorLookup = { kind: 'found'; doctor: DoctorDto; etagCoversRating: boolean } | { kind: 'moved'; slug: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Which source a principal's edits are recorded under. */
export function provenanceSourceOf(principal: Principal): ProvenanceSource {
  if (principal.roles.includes('admin')) return 'admin';
  if (principal.roles.includes('moderator')) return 'moderator';
  return 'doctor';
}

/** Profile fields as sent (undefined = not sent) → the columns they set, with their derived columns. */
function columnChanges(dto: UpdateDoctorDto, now: Date): DoctorChanges {
  const changes: DoctorChanges = {};
  const copy = <K extends keyof DoctorChanges & keyof UpdateDoctorDto>(key: K): void => {
    if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
  };
  (['givenName', 'middleName', 'familyName', 'nameSuffix', 'npi', 'gender', 'languages', 'bio', 'website', 'photoUrl', 'telehealth'] as const).forEach(copy);
  if (dto.credentials !== undefined) {
    const normalised = normaliseCredentials(dto.credentials);
    changes.credentials = normalised.credentials;
    changes.credentialsRaw = normalised.raw || null;
  }
  if (dto.acceptingNewPatients !== undefined) {
    changes.acceptingNewPatients = dto.acceptingNewPatients;
    // Writing the value is what verifies it; clearing it clears the date.
    changes.acceptingNewPatientsVerifiedAt = dto.acceptingNewPatients === null ? null : now;
  }
  return changes;
}

function provenanceOf(dto: UpdateDoctorDto, source: ProvenanceSource, now: Date, current: Provenance = {}): Provenance {
  const at = now.toISOString();
  const next: Provenance = { ...current };
  for (const [field, value] of Object.entries(dto)) {
    if (value !== undefined) next[field] = { source, at };
  }
  return next;
}

@Injectable()
export class DoctorsService {
  constructor(
    private readonly db: Database,
    private readonly doctors: DoctorsRepository,
    private readonly specialties: SpecialtiesService,
    private readonly outbox: SearchOutbox,
    private readonly audit: AuditLog,
    private readonly writer: ProfileWriter,
  ) {}

  /**
   * `source` is where the values come from, for their provenance: the caller's role by default; an importer
   * creating a profile from what it read passes its own (`import:qa`), so later imports may update those values.
   */
  async create(principal: Principal, dto: CreateDoctorDto, source: ProvenanceSource = provenanceSourceOf(principal)): Promise<DoctorDto> {
    const specialties = this.specialties.resolveInputs(dto.specialties, 'specialties');
    const locations = this.geocode(dto.locations ?? []);
    const now = new Date();
    return this.db.transaction(async () => {
      const changes = columnChanges(dto, now);
      const credentials = changes.credentials ?? [];
      const id = await this.doctors.insert({
        ...changes,
        slug: await this.doctors.reserveSlug(slugBase(dto.givenName, dto.familyName, locations[0]?.city)),
        displayName: displayNameOf(dto.givenName, dto.familyName, dto.nameSuffix ?? null, credentials),
        clinicianType: deriveClinicianType(credentials, specialties.flatMap((s) => (s.specialtyCode ? [s.specialtyCode] : []))),
        provenance: provenanceOf(dto, source, now),
      });
      await this.doctors.replaceSpecialties(id, specialties);
      await this.doctors.replaceLocations(id, locations);
      await this.outbox.enqueue('doctor', [id]);
      const created = await this.profileOrFail(id);
      await this.audit.record({ action: 'doctor.create', entityType: 'doctor', entityId: id, after: auditSnapshot(created) });
      return created;
    });
  }

  /**
   * Staff edit every field. The owner doctor edits the owner fields (recorded with source `doctor`); other fields
   * from the owner → 400 naming them; anyone else → 403.
   */
  async update(principal: Principal, id: string, expectedVersion: number, dto: UpdateDoctorDto): Promise<DoctorDto> {
    const specialties = dto.specialties && this.specialties.resolveInputs(dto.specialties, 'specialties');
    const locations = dto.locations && this.geocode(dto.locations);
    const now = new Date();
    return this.db.transaction(async () => {
      const current = await this.doctors.lockForUpdate(id);
      if (!current) throw DoctorErrors.NOT_FOUND(`No doctor ${id}`);
      this.assertMayEdit(principal, current, dto);
      if (current.version !== expectedVersion) throw DoctorErrors.STALE_VERSION(`The profile is at version ${current.version}`);

      return this.writer.write(current, 'doctor.update', {
        changes: columnChanges(dto, now),
        specialties,
        locations,
        provenance: provenanceOf(dto, provenanceSourceOf(principal), now, current.provenance),
      });
    });
  }

  async remove(id: string): Promise<void> {
    await this.db.transaction(async () => {
      const before = await this.doctors.findProfile(id);
      if (!before || !(await this.doctors.softDelete(id))) throw DoctorErrors.NOT_FOUND(`No doctor ${id}`);
      await this.outbox.enqueue('doctor', [id]);
      await this.audit.record({ action: 'doctor.delete', entityType: 'doctor', entityId: id, before: auditSnapshot(presentDoctor(before)) });
    });
  }

  /**
   * Sets (an approved claim) or clears the owner of a live profile, in the caller's transaction: bumps the version,
   * audits the change and queues the profile for reindexing.
   */
  async setOwner(id: string, accountId: string | null, previousOwnerId: string | null): Promise<void> {
    if (!(await this.doctors.setOwner(id, accountId))) throw DoctorErrors.NOT_FOUND(`No doctor ${id}`);
    await this.outbox.enqueue('doctor', [id]);
    await this.audit.record({
      action: 'doctor.owner',
      entityType: 'doctor',
      entityId: id,
      before: { ownerAccountId: previousOwnerId },
      after: { ownerAccountId: accountId },
    });
  }

  /** The account that owns the live profile (approved claim), if any. */
  async ownerAccountId(id: string): Promise<string | null> {
    return this.doctors.findOwnerAccountId(id);
  }

  /** The profiles an account owns lose their owner (the account is being deleted). */
  async releaseOwnership(accountId: string): Promise<void> {
    await this.db.transaction(async () => {
      for (const id of await this.doctors.findOwnedIds(accountId)) await this.setOwner(id, null, accountId);
    });
  }

  /** By id, by current slug, or by an old slug or the id of a merged profile (then `moved` with the current slug). */
  async lookup(idOrSlug: string): Promise<DoctorLookup> {
    const notFound = DoctorErrors.NOT_FOUND(`No doctor ${idOrSlug}`);
    let id: string | undefined;
    if (UUID.test(idOrSlug)) id = idOrSlug;
    else if (isSlug(idOrSlug)) {
      id = await this.doctors.findIdBySlug(idOrSlug);
      if (!id) {
        const slug = await this.doctors.findRedirectTarget(idOrSlug);
        if (slug) return { kind: 'moved', slug };
      }
    }
    const row = id ? await this.doctors.findProfile(id) : undefined;
    if (row) {
      const etagCoversRating = row.rating_changed_at === null || row.rating_changed_at <= row.updated_at;
      return { kind: 'found', doctor: presentDoctor(row), etagCoversRating };
    }
    const mergedInto = id ? await this.doctors.findMergeTarget(id) : undefined;
    if (mergedInto) return { kind: 'moved', slug: mergedInto };
    throw notFound;
  }

  async findProfile(id: string): Promise<DoctorDto | undefined> {
    const row = await this.doctors.findProfile(id);
    return row && presentDoctor(row);
  }

  /** Live profiles among `ids` (deleted and unknown ids are left out), in no particular order. */
  async findProfiles(ids: readonly string[]): Promise<DoctorDto[]> {
    return (await this.doctors.findProfiles(ids)).map(presentDoctor);
  }

  /** Ids of live profiles in id order after `after`: for walking the whole directory (search reindex). */
  async pageIds(after: string | undefined, limit: number): Promise<string[]> {
    return this.doctors.pageIds(after, limit);
  }

  async exists(id: string): Promise<boolean> {
    return this.doctors.exists(id);
  }

  async list(query: ListDoctorsQueryDto): Promise<Page<DoctorDto>> {
    const limit = query.limit ?? 20;
    const afterId = query.after === undefined ? undefined : String(decodeCursor(query.after, 1)[0]);
    if (afterId !== undefined && !UUID.test(afterId)) throw CommonErrors.INVALID_CURSOR();
    const rows = await this.doctors.page({
      limit,
      afterId,
      npi: query.npi,
      region: query.region,
      country: query.country,
      cityKeys: query.city === undefined ? undefined : cityMatchKeys(query.city, query.region, query.country),
      specialtyCode: query.specialty === undefined ? undefined : this.specialties.resolveFilter(query.specialty, 'specialty'),
    });
    return toPage(rows, limit, (row) => [row.id], presentDoctor);
  }

  private assertMayEdit(principal: Principal, doctor: Doctor, dto: UpdateDoctorDto): void {
    if (isStaff(principal)) return;
    const owner = principal.roles.includes('doctor') && doctor.ownerAccountId !== null && doctor.ownerAccountId === principal.accountId;
    if (!owner) throw DoctorErrors.NOT_ALLOWED();
    const refused = Object.entries(dto)
      .filter(([field, value]) => value !== undefined && !OWNER_FIELDS.has(field))
      .map(([field]) => field);
    if (refused.length > 0) {
      throw DoctorErrors.FORBIDDEN_FIELDS(`Only a moderator may change: ${refused.join(', ')}`, {
        errors: Object.fromEntries(refused.map((field) => [field, ['may be changed by a moderator only (ask support)']])),
      });
    }
  }

  private geocode(inputs: LocationInputDto[]): LocationRow[] {
    const errors: FieldErrors = {};
    inputs.forEach((input, index) => {
      if ((input.latitude === undefined) !== (input.longitude === undefined)) {
        errors[`locations.${index}`] = ['latitude and longitude must be given together'];
      }
      if (!input.city && !input.postalCode && input.latitude === undefined) {
        errors[`locations.${index}.city`] = ['a city, a postal code or coordinates are required'];
      }
    });
    if (Object.keys(errors).length > 0) throw CommonErrors.VALIDATION_FAILED('Invalid locations', { errors });
    const gazetteer = Gazetteer.shared();
    return inputs.map((input, index) => geocodeLocation(input, index, gazetteer));
  }

  private async profileOrFail(id: string): Promise<DoctorDto> {
    const row = await this.doctors.findProfile(id);
    if (!row) throw DoctorErrors.NOT_FOUND(`No doctor ${id}`);
    return presentDoctor(row);
  }
}
