import { Injectable } from '@nestjs/common';

/** Moves one module's rows from the merged profile to the kept one; runs inside the merge transaction. */
export type MergeParticipant = (fromDoctorId: string, toDoctorId: string) => Promise<void>;

/**
 * Modules whose rows belong to a doctor (reviews, answers, claims, external ratings) register here, so that a
 * merge moves their rows too, in the same transaction. Register once, at start-up:
 *
 *   constructor(private readonly participants: DoctorMergeParticipants, private readonly reviews: ReviewsRepository) {}
 *   onModuleInit() { this.participants.register('reviews', (from, to) => this.reviews.moveToDoctor(from, to)); }
 *
 * The callback uses `Database` as usual: its queries join the merge's transaction. Resolve unique clashes
 * yourself (e.g. one review per author and doctor: keep the newer one).
 */
@Injectable()
export class DoctorMergeParticipants {
  private readonly participants = new Map<string, MergeParticipant>();

  register(name: string, move: MergeParticipant): void {
    if (this.participants.has(name)) throw new Error(`A merge participant named "${name}" is already registered`);
    this.participants.set(name, move);
  }

  /** In registration order. */
  async moveAll(fromDoctorId: string, toDoctorId: string): Promise<void> {
    for (const move of this.participants.values()) await move(fromDoctorId, toDoctorId);
  }
}
