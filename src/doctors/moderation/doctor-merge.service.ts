import { Injectable } from '@nestjs/common';
import { CommonErrors } from '../../common/errors/app-error.js';
import type { Page } from '../../common/http/pagination.js';
import { Database } from '../../database/database.js';
import { SearchOutbox } from '../../search/outbox/search-outbox.service.js';
import { DoctorErrors } from '../doctors.errors.js';
import { DoctorsRepository, type DoctorChanges, type DoctorProfileRow } from '../doctors.repository.js';
import type { DoctorDto } from '../dto/doctor-response.dto.js';
import type { Doctor, Provenance } from '../entities/doctor.entity.js';
import { ProfileWriter, type ProfileWrite } from '../profile-writer.js';
import { DoctorMergeParticipants } from './doctor-merge-participants.js';
import type { ListMergeCandidatesQueryDto, MergeCandidateDto } from './dto/moderation.dto.js';
import { ModerationErrors } from './moderation.errors.js';
import { ModerationRepository, type MergeCandidateRow } from './moderation.repository.js';
import { queuePage } from './queue-page.js';

/** Fields the merged profile fills in where the kept one has nothing; names always stay the kept one's. */
const FILLABLE_FIELDS = [
  'middleName',
  'nameSuffix',
  'credentials',
  'npi',
  'gender',
  'languages',
  'bio',
  'website',
  'photoUrl',
  'telehealth',
  'acceptingNewPatients',
  'medicalSchool',
  'graduationYear',
  'hospitalAffiliations',
] as const satisfies readonly (keyof Doctor)[];

/** Columns that travel with a field. */
const COMPANIONS: Partial<Record<(typeof FILLABLE_FIELDS)[number], keyof Doctor>> = {
  credentials: 'credentialsRaw',
  acceptingNewPatients: 'acceptingNewPatientsVerifiedAt',
};

const isEmpty = (value: unknown): boolean => value === null || value === undefined || (Array.isArray(value) && value.length === 0);

const present = (row: MergeCandidateRow): MergeCandidateDto => ({
  id: row.id,
  doctor: row.doctor,
  candidate: row.candidate,
  score: row.score,
  reasons: row.reasons,
  source: row.source,
  status: row.status,
  createdAt: row.created_at.toISOString(),
  resolvedAt: row.resolved_at?.toISOString() ?? null,
});

/** The kept profile's specialties, then those of the merged one it lacks (by code, or by name without one). */
function unitedSpecialties(keep: DoctorProfileRow, merge: DoctorProfileRow): ProfileWrite['specialties'] {
  const key = (s: DoctorProfileRow['specialties'][number]): string => s.code ?? `name:${s.name.toLowerCase()}`;
  const kept = new Set(keep.specialties.map(key));
  const added = merge.specialties.filter((s) => !kept.has(key(s)));
  if (added.length === 0) return undefined;
  const all = [...keep.specialties, ...added.map((s) => ({ ...s, primary: false }))];
  const primary = Math.max(0, all.findIndex((s) => s.primary));
  return all.map((s, position) => ({ position, specialtyCode: s.code, rawName: s.code ? null : s.name, isPrimary: position === primary }));
}

/**
 * Merges two profiles of one person, and keeps the queue of possible duplicates. In one transaction: the kept
 * profile keeps its values and takes the merged one's where it has none (with their provenance), gains the
 * specialties and locations it lacks and its NPI if it had none; the merged profile is soft-deleted and points
 * at the kept one, its slugs redirect (301) there, its owner (if the kept one has none) owns the kept one, and every
 * registered participant moves its rows. Two profiles owned by different accounts are not merged.
 */
@Injectable()
export class DoctorMergeService {
  constructor(
    private readonly db: Database,
    private readonly moderation: ModerationRepository,
    private readonly doctors: DoctorsRepository,
    private readonly writer: ProfileWriter,
    private readonly participants: DoctorMergeParticipants,
    private readonly outbox: SearchOutbox,
  ) {}

  async listCandidates(query: ListMergeCandidatesQueryDto): Promise<Page<MergeCandidateDto>> {
    return queuePage(query, (after, limit) => this.moderation.pageMergeCandidates({ status: query.status ?? 'pending', after, limit }), present);
  }

  /** An importer unsure whether the profile it created is someone already listed queues the pairs for moderators. */
  queueCandidates(doctorId: string, candidates: readonly { doctorId: string; score: number; reasons: string[] }[], source: string): Promise<number> {
    return this.moderation.queueMergeCandidates(doctorId, candidates, source);
  }

  async dismissCandidate(id: string): Promise<MergeCandidateDto> {
    return this.db.transaction(async () => {
      const candidate = await this.moderation.lockMergeCandidate(id);
      if (!candidate) throw ModerationErrors.MERGE_CANDIDATE_NOT_FOUND(`No possible duplicate ${id}`);
      if (candidate.status !== 'pending') throw ModerationErrors.ALREADY_RESOLVED(`The possible duplicate was ${candidate.status}`);
      await this.moderation.dismissMergeCandidate(id);
      return present((await this.moderation.lockMergeCandidate(id)) as MergeCandidateRow);
    });
  }

  async merge(keepId: string, mergeId: string): Promise<DoctorDto> {
    if (keepId === mergeId) {
      throw CommonErrors.VALIDATION_FAILED('A profile cannot be merged into itself', { errors: { mergeId: ['must differ from keepId'] } });
    }
    return this.db.transaction(async () => {
      // Locked in id order, so two merges of the same pair cannot deadlock.
      const locked = new Map<string, Doctor | null>();
      for (const id of [keepId, mergeId].sort()) locked.set(id, await this.doctors.lockForUpdate(id));
      const keep = locked.get(keepId);
      const merged = locked.get(mergeId);
      if (!keep) throw DoctorErrors.NOT_FOUND(`No doctor ${keepId}`);
      if (!merged) throw DoctorErrors.NOT_FOUND(`No doctor ${mergeId}`);
      if (keep.npi && merged.npi && keep.npi !== merged.npi) throw ModerationErrors.DIFFERENT_NPIS(`${keep.npi} and ${merged.npi}`);
      if (keep.ownerAccountId && merged.ownerAccountId && keep.ownerAccountId !== merged.ownerAccountId) throw ModerationErrors.DIFFERENT_OWNERS();
      const [keepProfile, mergedProfile] = await Promise.all([this.doctors.findProfile(keepId), this.doctors.findProfile(mergeId)]);

      const changes: DoctorChanges = {};
      const provenance: Provenance = { ...keep.provenance };
      for (const field of FILLABLE_FIELDS) {
        if (!isEmpty(keep[field]) || isEmpty(merged[field])) continue;
        Object.assign(changes, { [field]: merged[field] });
        const companion = COMPANIONS[field];
        if (companion) Object.assign(changes, { [companion]: merged[companion] });
        const origin = merged.provenance[field];
        if (origin) provenance[field] = origin;
      }
      // The owner of the merged profile owns the person's one profile now (set after retiring: one live profile per owner).
      if (!keep.ownerAccountId && merged.ownerAccountId) changes.ownerAccountId = merged.ownerAccountId;
      const specialties = unitedSpecialties(keepProfile as DoctorProfileRow, mergedProfile as DoctorProfileRow);
      if (specialties && !provenance.specialties && merged.provenance.specialties) provenance.specialties = merged.provenance.specialties;
      if (!provenance.locations && merged.provenance.locations) provenance.locations = merged.provenance.locations;

      // Retired first: its NPI then no longer counts against the kept profile's.
      await this.moderation.retire(mergeId, keepId);
      await this.moderation.moveLocations(mergeId, keepId);
      await this.moderation.moveReferences(mergeId, keepId);
      await this.participants.moveAll(mergeId, keepId);
      await this.outbox.enqueue('doctor', [mergeId]);
      return this.writer.write(keep, 'doctor.merge', { changes, specialties, provenance });
    });
  }
}
