import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../common/http/pagination.js';
import { IsOptionalNonNull, Trim, TrimEach } from '../../common/validation/decorators.js';

const TAG = /^[a-z0-9]+(?:[ -][a-z0-9]+)*$/i;

export class AskQuestionDto {
  @ApiProperty({ example: 'Hair loss after Botox injections for migraines?' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(300)
  title!: string;

  @ApiProperty({ example: 'I had Botox injections for migraines and noticed hair loss a month later.' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(20000)
  body!: string;

  @ApiPropertyOptional({ type: [String], example: ['botox', 'migraine'], description: 'Topics or procedures; stored in lower case' })
  @IsOptionalNonNull() @IsArray() @ArrayMaxSize(10) @TrimEach() @IsString({ each: true }) @MaxLength(40, { each: true })
  @Matches(TAG, { each: true, message: 'each tag must be letters, digits, spaces or hyphens' })
  tags?: string[];
}

export class AnswerQuestionDto {
  @ApiPropertyOptional({ example: 'Unlikely to be the Botox' })
  @IsOptional() @Trim() @IsString() @MaxLength(300)
  title?: string | null;

  @ApiProperty()
  @Trim() @IsString() @IsNotEmpty() @MaxLength(20000)
  body!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'The profile to answer as, for a doctor who owns several' })
  @IsOptionalNonNull() @IsUUID()
  doctorId?: string;
}

export class HideDto {
  @ApiProperty({ example: 'Takedown requested by the author' })
  @Trim() @IsString() @IsNotEmpty() @MaxLength(500)
  reason!: string;
}

export class ListQuestionsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'botox' })
  @IsOptional() @Trim() @IsString() @MaxLength(40)
  tag?: string;
}
