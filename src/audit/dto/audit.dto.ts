import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.js';
import { ACTOR_KINDS, type ActorKind, type AuditChanges } from '../entities/audit-entry.entity.js';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'doctor', description: 'doctor, claim, account, review…' })
  @IsOptional() @Matches(/^[a-z_]{1,40}$/, { message: 'must be an entity type such as doctor or claim' })
  entityType?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional() @IsUUID()
  entityId?: string;
}

export class AuditActorDto {
  @ApiProperty({ enum: ACTOR_KINDS, description: 'admin_token: the static automation token; system: a CLI command or job' })
  kind!: ActorKind;

  @ApiProperty({ nullable: true, type: String, format: 'uuid' })
  accountId!: string | null;
}

export class AuditEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty({ example: 'doctor.update' }) action!: string;
  @ApiProperty({ example: 'doctor' }) entityType!: string;
  @ApiProperty({ format: 'uuid' }) entityId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'field → { before, after }, changed fields only' })
  changes!: AuditChanges;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
}
