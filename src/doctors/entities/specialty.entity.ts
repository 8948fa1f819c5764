import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A specialty patients look for, keyed by its NUCC taxonomy code; seeded by migration from the catalog. */
@Entity({ name: 'specialties' })
@Index('uq_specialties_name', ['name'], { unique: true })
export class Specialty {
  @PrimaryColumn({ type: 'varchar', length: 10, primaryKeyConstraintName: 'pk_specialties' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  practitionerNoun!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  nounVariants!: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  synonyms!: string[];

  @Column({ type: 'text' })
  clinicianType!: string;
}
