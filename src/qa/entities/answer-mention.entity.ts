import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { Doctor } from '../../doctors/entities/doctor.entity.js';
import { Answer } from './answer.entity.js';

/** "Dr. Barankin answers this as I would have": a doctor an answer names, linked to a profile when one is sure. */
@Entity({ name: 'answer_mentions' })
@Index('ix_answer_mentions_doctor', ['doctorId'])
export class AnswerMention {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_answer_mentions' })
  @ForeignKey(() => Answer, { name: 'fk_answer_mentions_answer', onDelete: 'CASCADE' })
  answerId!: string;

  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_answer_mentions' })
  position!: number;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'uuid', nullable: true })
  @ForeignKey(() => Doctor, { name: 'fk_answer_mentions_doctor', onDelete: 'SET NULL' })
  doctorId!: string | null;
}
