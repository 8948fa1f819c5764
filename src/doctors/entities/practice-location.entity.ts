import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { Doctor } from './doctor.entity.js';

export const GEOCODE_STATUSES = ['provided', 'matched', 'ambiguous', 'unknown'] as const;
export type GeocodeStatus = (typeof GEOCODE_STATUSES)[number];

@Entity({ name: 'practice_locations' })
@Index('uq_practice_locations_position', ['doctorId', 'position'], { unique: true })
@Index('ix_practice_locations_city', ['cityKey', 'doctorId'])
@Check('ck_practice_locations_coordinates', `(latitude IS NULL) = (longitude IS NULL) AND latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180`)
@Check('ck_practice_locations_geocode_status', `geocode_status IN ('provided', 'matched', 'ambiguous', 'unknown')`)
export class PracticeLocation {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_practice_locations' })
  id!: string;

  @Column({ type: 'uuid' })
  @ForeignKey(() => Doctor, { name: 'fk_practice_locations_doctor', onDelete: 'CASCADE' })
  doctorId!: string;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'text', nullable: true })
  addressLine1!: string | null;

  @Column({ type: 'text', nullable: true })
  addressLine2!: string | null;

  /** Canonical city name once geocoded (Manhattan → New York), else as written. */
  @Column({ type: 'text', nullable: true })
  city!: string | null;

  /** Folded city for matching: case, accents and St./Saint ignored. */
  @Column({ type: 'text', nullable: true })
  cityKey!: string | null;

  @Column({ type: 'text', nullable: true })
  region!: string | null;

  @Column({ type: 'text', nullable: true })
  postalCode!: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country!: string;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude!: number | null;

  @Column({ type: 'text' })
  geocodeStatus!: GeocodeStatus;

  /** Why the place is ambiguous or unknown, for the profile's owner and moderators. */
  @Column({ type: 'text', nullable: true })
  geocodeNote!: string | null;

  /** The importer's key for this address (e.g. the CMS address id), so re-imports update instead of adding. */
  @Column({ type: 'text', nullable: true })
  externalId!: string | null;
}
