import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';

export class ImportQaPageDto {
  @ApiProperty({ description: 'The page as plain text or HTML' })
  @IsString() @IsNotEmpty() @MaxLength(2_000_000)
  text!: string;

  @ApiProperty({ example: 'https://www.realself.com/question/hair-loss-after-botox' })
  @IsString() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2000)
  sourceUrl!: string;

  @ApiPropertyOptional({ example: 'realself', description: "The site; by default the name of the URL's host" })
  @IsOptional() @IsString() @Matches(/^[a-z0-9]+([._-][a-z0-9]+)*$/) @MaxLength(40)
  source?: string;
}

export class QaImportedAnswerDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) authorDoctorId!: string | null;
}

export class QaPageImportDto {
  @ApiProperty({ format: 'uuid' }) questionId!: string;
  @ApiProperty({ type: [QaImportedAnswerDto], description: 'Every answer of the question in page order' }) answers!: QaImportedAnswerDto[];
  @ApiProperty({ description: 'Answers this import added (0 when the page was imported before)' }) added!: number;
  @ApiProperty() doctorsCreated!: number;
  @ApiProperty() doctorsLinked!: number;
  @ApiProperty() unattributed!: number;
  @ApiProperty({ description: 'Profiles created but queued as possible duplicates' }) queued!: number;
  @ApiProperty({ type: [String] }) warnings!: string[];
}
