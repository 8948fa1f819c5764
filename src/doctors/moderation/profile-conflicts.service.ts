import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { CommonErrors } from '../../common/errors/app-error.js';
import type { Page } from '../../common/http/pagination.js';
import { Database } from '../../database/database.js';
import { DIRECTORY_FIELDS, type DirectoryField, type ProfileLocation, type ProfileSpecialty } from '../bulk/directory-update.js';
import { normaliseCredentials } from '../credentials.js';
import { DoctorErrors } from '../doctors.errors.js';
import { DoctorsRepository } from '../doctors.repository.js';
import { ProfileWriter, type ProfileWrite } from '../profile-writer.js';
import type { ConflictDto, ListConflictsQueryDto } from './dto/moderation.dto.js';
import { ModerationErrors } from './moderation.errors.js';
import { ModerationRepository, type ConflictRow } from './moderation.repository.js';
import { queuePage } from './queue-page.js';

const present = (row: ConflictRow): ConflictDto => ({
  id: row.id,
  doctor: row.doctor,
  field: row.field,
  currentValue: row.current_value,
  currentSource: row.current_source,
  proposedValue: row.proposed_value,
  source: row.source,
  origin: row.origin,
  runId: row.run_id,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  resolvedAt: row.resolved_at?.toISOString() ?? null,
  resolvedBy: row.resolved_by,
});

/** A directory field's value, as a conflict holds it, as the columns and lists a profile write takes. */
function fieldWrite(field: DirectoryField, value: unknown): Omit<ProfileWrite, 'provenance'> {
  switch (field) {
    case 'credentials': {
      const { credentials, raw } = normaliseCredentials(value as string[]);
      return { changes: { credentials, credentialsRaw: raw || null } };
    }
    case 'specialties':
      return {
        changes: {},
        specialties: (value as ProfileSpecialty[]).map((s, position) => ({
          position,
          specialtyCode: s.code,
          rawName: s.code ? null : s.rawName,
          isPrimary: position === 0,
        })),
      };
    case 'locations':
      return { changes: {}, locations: (value as ProfileLocation[]).map((location, position) => ({ ...location, position })) };
    case 'givenName':
    case 'middleName':
    case 'familyName':
    case 'nameSuffix':
    case 'gender':
    case 'medicalSchool':
    case 'graduationYear':
    case 'hospitalAffiliations':
    case 'telehealth':
      return { changes: { [field]: value } };
  }
}

/** The queue of imported values that a person's values blocked, and what moderators decide about them. */
@Injectable()
export class ProfileConflictsService {
  constructor(
    private readonly db: Database,
    private readonly moderation: ModerationRepository,
    private readonly doctors: DoctorsRepository,
    private readonly writer: ProfileWriter,
  ) {}

  async list(query: ListConflictsQueryDto): Promise<Page<ConflictDto>> {
    return queuePage(query, (after, limit) => this.moderation.pageConflicts({ status: query.status ?? 'pending', doctorId: query.doctorId, after, limit }), present);
  }

  /** Accept writes the proposed value with provenance `moderator` (so imports leave it alone); dismiss keeps the profile. */
  async resolve(principal: Principal, id: string, action: 'accept' | 'dismiss'): Promise<ConflictDto> {
    return this.db.transaction(async () => {
      const conflict = await this.moderation.lockConflict(id);
      if (!conflict) throw ModerationErrors.CONFLICT_NOT_FOUND(`No conflict ${id}`);
      if (conflict.status !== 'pending') throw ModerationErrors.ALREADY_RESOLVED(`The conflict was ${conflict.status}`);
      if (action === 'accept') await this.accept(conflict);
      await this.moderation.resolveConflict(id, action === 'accept' ? 'accepted' : 'dismissed', principal.accountId);
      const resolved = await this.moderation.lockConflict(id);
      return present(resolved as ConflictRow);
    });
  }

  private async accept(conflict: ConflictRow): Promise<void> {
    const field = DIRECTORY_FIELDS.find((known) => known === conflict.field);
    if (!field) throw CommonErrors.CONFLICT(`Conflicts on "${conflict.field}" cannot be applied`);
    const current = await this.doctors.lockForUpdate(conflict.doctor_id);
    if (!current) throw DoctorErrors.NOT_FOUND(`The profile ${conflict.doctor_id} no longer exists`);
    const at = new Date().toISOString();
    await this.writer.write(current, 'doctor.conflict.accept', { ...fieldWrite(field, conflict.proposed_value), provenance: { ...current.provenance, [field]: { source: 'moderator', at } } });
  }
}
