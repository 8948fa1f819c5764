import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditLog } from '../../audit/audit-log.service.js';
import { AuthErrors } from '../../auth/auth.errors.js';
import type { Principal } from '../../auth/principal.js';
import { CommonErrors } from '../../common/errors/app-error.js';
import { decodeCursor, toPage, type Page } from '../../common/http/pagination.js';
import { Database } from '../../database/database.js';
import { DoctorErrors } from '../doctors.errors.js';
import { DoctorsRepository } from '../doctors.repository.js';
import { DoctorsService } from '../doctors.service.js';
import { DoctorMergeParticipants } from '../moderation/doctor-merge-participants.js';
import { emailMatchesWebsite } from './claim-domain.js';
import { ClaimErrors } from './claims.errors.js';
import { ClaimsRepository, type ClaimRow } from './claims.repository.js';
import type { ClaimDto, ClaimsQueryDto, CreateClaimDto } from './dto/claim.dto.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function present(row: ClaimRow): ClaimDto {
  return {
    id: row.id,
    status: row.status,
    doctor: { id: row.doctor_id, displayName: row.doctor_display_name, npi: row.doctor_npi, website: row.doctor_website },
    claimant: { accountId: row.account_id, email: row.claimant_email, displayName: row.claimant_display_name },
    evidence: { npi: row.npi, licenseNumber: row.license_number, licenseRegion: row.license_region, practiceEmail: row.practice_email },
    autoApproved: row.auto_approved,
    reason: row.reason,
    decidedAt: row.decided_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

const claimSnapshot = (claim: ClaimDto): Record<string, unknown> => ({
  status: claim.status,
  doctorId: claim.doctor.id,
  accountId: claim.claimant.accountId,
  evidence: claim.evidence,
  autoApproved: claim.autoApproved,
  reason: claim.reason,
});

/** Doctors claiming their profile, and the moderators' decisions. */
@Injectable()
export class ClaimsService implements OnModuleInit {
  constructor(
    private readonly db: Database,
    private readonly claims: ClaimsRepository,
    private readonly doctorRows: DoctorsRepository,
    private readonly doctors: DoctorsService,
    private readonly audit: AuditLog,
    private readonly mergeParticipants: DoctorMergeParticipants,
  ) {}

  onModuleInit(): void {
    this.mergeParticipants.register('claims', (from, to) => this.claims.moveToDoctor(from, to));
  }

  /**
   * Files a claim. It is approved at once only when the claimant's verified e-mail is at the domain of the
   * profile's website on record and the NPI matches the one on record (when there is one); otherwise it waits for
   * a moderator.
   */
  async submit(principal: Principal, doctorId: string, dto: CreateClaimDto): Promise<ClaimDto> {
    const { accountId, email } = principal;
    if (accountId === null || email === null) throw AuthErrors.FORBIDDEN('Claims are filed by doctor accounts');
    if (!principal.emailVerified) throw AuthErrors.EMAIL_NOT_VERIFIED('Verify your e-mail address before claiming a profile');
    return this.db.transaction(async () => {
      // Locked, so a concurrent claim or approval on the same profile waits for this one.
      const doctor = await this.doctorRows.lockForUpdate(doctorId);
      if (!doctor) throw DoctorErrors.NOT_FOUND(`No doctor ${doctorId}`);
      if (doctor.ownerAccountId !== null) throw ClaimErrors.ALREADY_OWNED();
      if (principal.ownedDoctorIds.length > 0) throw ClaimErrors.ALREADY_OWNER();
      const id = await this.claims.insert({
        doctorId,
        accountId,
        npi: dto.npi,
        licenseNumber: dto.licenseNumber ?? null,
        licenseRegion: dto.licenseRegion ?? null,
        practiceEmail: dto.practiceEmail ?? null,
      });
      const filed = await this.presentOrFail(id);
      await this.audit.record({ action: 'claim.create', entityType: 'claim', entityId: id, after: claimSnapshot(filed) });
      const npiAgrees = doctor.npi === null || doctor.npi === dto.npi;
      if (!npiAgrees || !emailMatchesWebsite(email, doctor.website)) return filed;
      return this.approveLocked(id, filed, accountId, doctorId, { decidedBy: null, autoApproved: true });
    });
  }

  async list(query: ClaimsQueryDto): Promise<Page<ClaimDto>> {
    const limit = query.limit ?? 20;
    let after: { createdAt: string; id: string } | undefined;
    if (query.after !== undefined) {
      const [createdAt, id] = decodeCursor(query.after, 2);
      if (typeof createdAt !== 'string' || typeof id !== 'string' || !UUID.test(id) || Number.isNaN(Date.parse(createdAt))) {
        throw CommonErrors.INVALID_CURSOR();
      }
      after = { createdAt, id };
    }
    const rows = await this.claims.page({ status: query.status ?? 'pending', after, limit });
    return toPage(rows, limit, (row) => [row.cursor_at, row.id], present);
  }

  async approve(principal: Principal, id: string): Promise<ClaimDto> {
    return this.db.transaction(async () => {
      const { claim, before } = await this.lockPending(id);
      const doctor = await this.doctorRows.lockForUpdate(claim.doctorId);
      if (!doctor) throw DoctorErrors.NOT_FOUND(`The claimed profile ${claim.doctorId} no longer exists`);
      if (doctor.ownerAccountId !== null) throw ClaimErrors.ALREADY_OWNED();
      return this.approveLocked(id, before, claim.accountId, claim.doctorId, { decidedBy: principal.accountId, autoApproved: false });
    });
  }

  async reject(principal: Principal, id: string, reason: string): Promise<ClaimDto> {
    return this.db.transaction(async () => {
      const { before } = await this.lockPending(id);
      await this.claims.decide(id, { status: 'rejected', decidedBy: principal.accountId, reason, autoApproved: false });
      const after = await this.presentOrFail(id);
      await this.audit.record({ action: 'claim.reject', entityType: 'claim', entityId: id, before: claimSnapshot(before), after: claimSnapshot(after) });
      return after;
    });
  }

  private async approveLocked(
    id: string,
    before: ClaimDto,
    accountId: string,
    doctorId: string,
    decision: { decidedBy: string | null; autoApproved: boolean },
  ): Promise<ClaimDto> {
    await this.claims.decide(id, { status: 'approved', reason: null, ...decision });
    // One account owns one profile: uq_doctors_owner_account answers 409 when this one already owns another.
    await this.doctors.setOwner(doctorId, accountId, null);
    const after = await this.presentOrFail(id);
    await this.audit.record({ action: 'claim.approve', entityType: 'claim', entityId: id, before: claimSnapshot(before), after: claimSnapshot(after) });
    return after;
  }

  private async lockPending(id: string) {
    const claim = UUID.test(id) ? await this.claims.lock(id) : undefined;
    if (!claim) throw ClaimErrors.NOT_FOUND(`No claim ${id}`);
    if (claim.status !== 'pending') throw ClaimErrors.ALREADY_DECIDED(`The claim is ${claim.status}`);
    return { claim, before: await this.presentOrFail(id) };
  }

  private async presentOrFail(id: string): Promise<ClaimDto> {
    const row = await this.claims.find(id);
    if (!row) throw ClaimErrors.NOT_FOUND(`No claim ${id}`);
    return present(row);
  }
}
