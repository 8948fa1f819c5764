import { Injectable } from '@nestjs/common';
import { Database } from '../../database/database.js';
import { SearchOutbox } from '../../search/outbox/search-outbox.service.js';
import { DoctorsRepository } from '../doctors.repository.js';
import { slugBase } from '../profile-names.js';
import type { Provenance, ProvenanceSource } from '../entities/doctor.entity.js';
import { decideMatch, DoctorMatcher, type DoctorMatch } from '../matching/doctor-matcher.js';
import { assertStagingTable, DirectoryBulkRepository, type ConflictRow, type DoctorUpdateRow, type ExistingProfileRow } from './directory-bulk.repository.js';
import { StagingEncoder, type DirectoryRow } from './directory-row.js';
import { DIRECTORY_FIELDS, planDirectoryUpdate, type DirectoryField, type DirectoryProfile, type ProfileLocation } from './directory-update.js';

/** Who is importing what: `directory` keys fingerprints (`cms`), `source` goes into provenance (`import:cms`). */
export interface DirectoryImportContext {
  directory: string;
  source: ProvenanceSource;
  /** The file name, shown with conflicts. */
  origin: string;
  runId: string;
  /** The profile fields the source carries (all by default); the others are left as they are. */
  fields?: readonly DirectoryField[];
}

export interface ChunkResult {
  doctorsCreated: number;
  doctorsUpdated: number;
  locations: number;
  conflicts: number;
  mergeCandidates: number;
}

// Rows are sent to COPY in pieces of about this many characters: fewer, larger writes.
const COPY_PIECE = 64 * 1024;

const toProfile = (row: ExistingProfileRow): DirectoryProfile => ({
  givenName: row.given_name,
  middleName: row.middle_name,
  familyName: row.family_name,
  nameSuffix: row.name_suffix,
  gender: row.gender,
  credentials: row.credentials,
  medicalSchool: row.medical_school,
  graduationYear: row.graduation_year,
  hospitalAffiliations: row.hospital_affiliations,
  telehealth: row.telehealth,
  specialties: row.specialties,
  locations: row.locations,
});

/**
 * Writes a whole outside directory (rows keyed by NPI) into profiles, set-wise: rows are COPYed into an unlogged
 * staging table, the NPIs whose data changed since the last import are planned into chunks, and each chunk is
 * applied with a handful of statements. Call `applyChunk` inside a transaction to make a chunk atomic with the
 * caller's checkpoint. Profiles without an NPI that are the same person are given the NPI (see DoctorMatcher);
 * fields people set are never overwritten (see planDirectoryUpdate).
 */
@Injectable()
export class DoctorsBulkWriter {
  constructor(
    private readonly db: Database,
    private readonly bulk: DirectoryBulkRepository,
    private readonly doctors: DoctorsRepository,
    private readonly matcher: DoctorMatcher,
    private readonly outbox: SearchOutbox,
  ) {}

  /** The staging table of an import run (one per run, dropped when the run completes). */
  stagingTableFor(runId: string): string {
    return assertStagingTable(`import_staging_${runId.replace(/-/g, '').toLowerCase()}`);
  }

  /** (Re)creates the staging table and streams the rows into it with COPY; returns how many were staged. */
  async stage(table: string, rows: AsyncIterable<DirectoryRow>): Promise<number> {
    await this.bulk.createStaging(table);
    const encoder = new StagingEncoder();
    let staged = 0;
    async function* pieces(): AsyncGenerator<string> {
      let piece = '';
      for await (const row of rows) {
        piece += `${encoder.line(row)}\n`;
        staged += 1;
        if (piece.length >= COPY_PIECE) {
          yield piece;
          piece = '';
        }
      }
      if (piece) yield piece;
    }
    await this.bulk.copyIntoStaging(table, pieces());
    return staged;
  }

  stagedRows(table: string): Promise<number | null> {
    return this.bulk.stagedRows(table);
  }

  /** Plans the NPIs whose data changed into chunks of `chunkSize`; returns the number of chunks. */
  plan(table: string, directory: string, chunkSize: number): Promise<number> {
    return this.db.transaction(() => this.bulk.plan(table, directory, chunkSize));
  }

  dropStaging(table: string): Promise<void> {
    return this.bulk.dropStaging(table);
  }

  /** Applies one chunk of the plan in one transaction (the caller's, when it has one). */
  async applyChunk(table: string, chunk: number, context: DirectoryImportContext): Promise<ChunkResult> {
    return this.db.transaction(async () => {
      const at = new Date().toISOString();
      await this.bulk.loadChunk(table, chunk);
      const { attached, possible } = await this.attachSamePeople(context, at);
      const fields = context.fields ?? DIRECTORY_FIELDS;
      const provenance: Provenance = Object.fromEntries([...fields, 'npi'].map((field) => [field, { source: context.source, at }]));
      const created = await this.bulk.insertNewProfiles(table, provenance);
      const mergeCandidates = await this.bulk.queueMergeCandidates(
        [...possible].flatMap(([npi, matches]) => matches.map((m) => ({ npi, candidateId: m.doctorId, score: m.score, reasons: m.reasons }))),
        context.source,
      );
      const updated = await this.updateExisting(table, context, at);
      await this.bulk.rememberFingerprints(context.directory);
      const changed = [...new Set([...attached, ...updated.ids])];
      await this.outbox.enqueue('doctor', [...created.ids, ...changed]);
      return {
        doctorsCreated: created.ids.length,
        doctorsUpdated: changed.length,
        locations: created.locations + updated.locations,
        conflicts: updated.conflicts,
        mergeCandidates,
      };
    });
  }

  /**
   * NPIs without a profile whose person already has one without an NPI (e.g. from a Q&A signature): a unique
   * strong match gets the NPI and is then updated like any profile; uncertain ones are returned, to be queued
   * once the new profile exists. A profile that two NPIs both match strongly is given to neither.
   */
  private async attachSamePeople(context: DirectoryImportContext, at: string): Promise<{ attached: string[]; possible: Map<string, DoctorMatch[]> }> {
    const namesakes = await this.bulk.namesakesWithoutProfile();
    const candidates = await this.matcher.findMatchesForEach(
      namesakes.map((row) => ({
        givenName: row.given_name,
        familyName: row.family_name,
        credentials: row.credentials,
        city: row.city,
        region: row.region,
        country: 'US',
        specialtyCode: row.specialty_code,
      })),
      { withoutNpi: true },
    );
    const decisions = namesakes.map((row, index) => ({ npi: row.npi, decision: decideMatch(candidates[index] ?? []) }));
    const claims = new Map<string, number>();
    for (const { decision } of decisions) {
      if (decision.kind === 'same') claims.set(decision.match.doctorId, (claims.get(decision.match.doctorId) ?? 0) + 1);
    }
    const attachments: { doctorId: string; npi: string }[] = [];
    const possible = new Map<string, DoctorMatch[]>();
    for (const { npi, decision } of decisions) {
      if (decision.kind === 'same' && claims.get(decision.match.doctorId) === 1) attachments.push({ doctorId: decision.match.doctorId, npi });
      else if (decision.kind === 'same') possible.set(npi, [decision.match]);
      else if (decision.kind === 'possible') possible.set(npi, decision.matches);
    }
    await this.bulk.attach(attachments, { source: context.source, at });
    return { attached: attachments.map((a) => a.doctorId), possible };
  }

  /** Existing profiles of the chunk: field-by-field updates where allowed, conflicts where a person's value stands. */
  private async updateExisting(table: string, context: DirectoryImportContext, at: string): Promise<{ ids: string[]; locations: number; conflicts: number }> {
    const rows = await this.bulk.lockExistingProfiles(table);
    const updates: DoctorUpdateRow[] = [];
    const specialties = new Map<string, DirectoryProfile['specialties']>();
    const locations = new Map<string, (ProfileLocation & { id?: string })[]>();
    const conflicts: ConflictRow[] = [];
    const renamed: { id: string; givenName: string; familyName: string; city: string | null }[] = [];
    for (const row of rows) {
      const current = { ...toProfile(row), provenance: row.provenance, clinicianType: row.clinician_type };
      const plan = planDirectoryUpdate(current, row.proposed, context.source, at, context.fields);
      conflicts.push(...plan.conflicts.map((c) => ({ doctor_id: row.doctor_id, field: c.field, current_value: c.currentValue, current_source: c.currentSource, proposed_value: c.proposedValue })));
      if (plan.changedFields.length === 0) continue;
      const { profile } = plan;
      updates.push({
        id: row.doctor_id,
        given_name: profile.givenName,
        middle_name: profile.middleName,
        family_name: profile.familyName,
        name_suffix: profile.nameSuffix,
        gender: profile.gender,
        credentials: profile.credentials,
        credentials_raw: plan.changedFields.includes('credentials') ? row.proposed.credentialsRaw : row.credentials_raw,
        medical_school: profile.medicalSchool,
        graduation_year: profile.graduationYear,
        hospital_affiliations: profile.hospitalAffiliations,
        telehealth: profile.telehealth,
        display_name: plan.displayName,
        clinician_type: plan.clinicianType,
        provenance: plan.provenance,
      });
      if (plan.changedFields.includes('specialties')) specialties.set(row.doctor_id, profile.specialties);
      if (plan.changedFields.includes('locations')) {
        // The same address keeps its location id across imports.
        const idByExternalId = new Map(row.locations.map((l) => [l.externalId, l.id]));
        locations.set(row.doctor_id, profile.locations.map((l) => ({ ...l, id: idByExternalId.get(l.externalId) })));
      }
      if (profile.givenName !== row.given_name || profile.familyName !== row.family_name) {
        renamed.push({ id: row.doctor_id, givenName: profile.givenName, familyName: profile.familyName, city: profile.locations[0]?.city ?? null });
      }
    }
    await this.bulk.updateProfiles(updates);
    await this.bulk.replaceSpecialties(specialties);
    const written = await this.bulk.replaceLocations(locations);
    // Names rarely change in a directory: these few profiles get a new slug one by one, the old one redirecting.
    for (const doctor of renamed) await this.doctors.renameSlug(doctor.id, slugBase(doctor.givenName, doctor.familyName, doctor.city));
    return {
      ids: updates.map((u) => u.id),
      locations: written,
      conflicts: await this.bulk.recordConflicts(conflicts, context.source, context.origin, context.runId),
    };
  }
}
