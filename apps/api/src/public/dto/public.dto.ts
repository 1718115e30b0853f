import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INDICATEUR_IDS, INDICATEUR_SECTIONS, INDICATEUR_UNITES, STATUTS_PUBLICS_CONVENTION, type IndicateurId, type IndicateurSection, type IndicateurUnite, type StatutPublicConvention } from '@suivi-pvd/domain';
import { ArrayMaxSize, IsArray, IsInt, IsString, Matches, MaxLength, Min } from 'class-validator';


// ─── Public figures ──────────────────────────────────────────────────────────

export class PartPubliqueDto {
  @ApiProperty() libelle!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'En %' }) valeur!: number | null;
}

export class SecondairePublicDto {
  @ApiProperty() libelle!: string;
  @ApiProperty({ enum: INDICATEUR_UNITES }) unite!: IndicateurUnite;
  @ApiProperty() valeur!: number;
}

export class DepartementPublicDto {
  @ApiProperty({ example: '23' }) code!: string;
  @ApiProperty({ example: 'Creuse' }) nom!: string;
  @ApiProperty() valeur!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Part en % quand la carte la montre' }) part!: number | null;
}

/** A public figure: what it counts, its value for the scope and day, nothing of the records behind it. */
export class IndicateurPublicDto {
  @ApiProperty({ enum: INDICATEUR_IDS }) id!: IndicateurId;
  @ApiProperty({ enum: INDICATEUR_SECTIONS }) section!: IndicateurSection;
  @ApiProperty() libelle!: string;
  @ApiProperty() definition!: string;
  @ApiProperty({ enum: INDICATEUR_UNITES }) unite!: IndicateurUnite;
  @ApiProperty() disponible!: boolean;
  @ApiProperty({ type: Number, nullable: true }) valeur!: number | null;
  @ApiProperty({ type: [PartPubliqueDto] }) parts!: PartPubliqueDto[];
  @ApiProperty({ type: [SecondairePublicDto] }) secondaires!: SecondairePublicDto[];
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Jour des données les plus récentes' }) dateDonnees!: string | null;
  @ApiPropertyOptional({ type: [DepartementPublicDto], description: 'Page nationale : la valeur par département (carte)' }) departements?: DepartementPublicDto[];
}

export class ProgrammePublicDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ description: 'PVD membres du programme ce jour' }) nombrePvd!: number;
  @ApiProperty({ type: [IndicateurPublicDto] }) indicateurs!: IndicateurPublicDto[];
}

// ─── Public PVD page ─────────────────────────────────────────────────────────

export class CommunePubliqueDto {
  @ApiProperty({ example: '23001' }) insee!: string;
  @ApiProperty({ example: 'Ahun' }) nom!: string;
}

export class ZonePubliqueDto {
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
}

export class EpciPublicDto {
  @ApiProperty() siren!: string;
  @ApiProperty() nom!: string;
}

export class ConventionPubliqueDto {
  @ApiProperty({ enum: STATUTS_PUBLICS_CONVENTION }) statut!: StatutPublicConvention;
  @ApiProperty() libelle!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateSignature!: string | null;
}

export class OrtPubliqueDto {
  @ApiProperty() enVigueur!: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateSignature!: string | null;
}

/** A PVD's public page: statuses and signature days, its communes and areas, its public figures. */
export class PvdPublicDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'demo-23-1' }) idPvd!: string;
  @ApiProperty({ example: 'Ahun' }) nom!: string;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: [CommunePubliqueDto] }) communes!: CommunePubliqueDto[];
  @ApiProperty({ type: EpciPublicDto, nullable: true }) epci!: EpciPublicDto | null;
  @ApiProperty({ type: ZonePubliqueDto }) departement!: ZonePubliqueDto;
  @ApiProperty({ type: ZonePubliqueDto }) region!: ZonePubliqueDto;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateEntree!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateSignatureConventionAdhesion!: string | null;
  @ApiProperty({ type: ConventionPubliqueDto }) conventionCadre!: ConventionPubliqueDto;
  @ApiProperty({ type: OrtPubliqueDto }) ort!: OrtPubliqueDto;
  @ApiProperty({ type: [IndicateurPublicDto] }) indicateurs!: IndicateurPublicDto[];
}

export class IdPvdParam {
  @ApiProperty({ example: 'demo-23-1', description: 'Identifiant national de la PVD' })
  @IsString()
  @MaxLength(40)
  idPvd!: string;
}

export class PvdDepartementQuery {
  @ApiProperty({ example: '23', description: 'Code du département' })
  @IsString({ message: 'Indiquez le département.' })
  @Matches(/^([0-9]{2}|2A|2B|97[0-9])$/, { message: 'Code de département invalide.' })
  departement!: string;
}

export class PvdResumePublicDto {
  @ApiProperty() idPvd!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ enum: STATUTS_PUBLICS_CONVENTION }) statutConventionCadre!: StatutPublicConvention;
}

export class PvdPublicListeDto {
  @ApiProperty({ type: [PvdResumePublicDto] }) items!: PvdResumePublicDto[];
}

// ─── The ANCT's choice of public figures ─────────────────────────────────────

export class IndicateurPublicChoixDto {
  @ApiProperty({ enum: INDICATEUR_IDS }) id!: IndicateurId;
  @ApiProperty({ enum: INDICATEUR_SECTIONS }) section!: IndicateurSection;
  @ApiProperty() libelle!: string;
  @ApiProperty() disponible!: boolean;
  @ApiProperty() public!: boolean;
}

export class IndicateursPublicsDto {
  @ApiProperty() version!: number;
  @ApiProperty({ type: String, format: 'date-time' }) modifieLe!: string;
  @ApiProperty() peutModifier!: boolean;
  @ApiProperty({ type: [IndicateurPublicChoixDto] }) items!: IndicateurPublicChoixDto[];
}

export class IndicateursPublicsInput {
  @ApiProperty({ enum: INDICATEUR_IDS, isArray: true, description: 'Les indicateurs publics (la liste complète)' })
  @IsArray({ message: 'Indiquez la liste des indicateurs publics.' })
  @ArrayMaxSize(INDICATEUR_IDS.length)
  @IsString({ each: true, message: 'Indicateur inconnu.' })
  @MaxLength(8, { each: true, message: 'Indicateur inconnu.' })
  indicateurs!: string[];

  @ApiProperty({ description: 'La version lue' })
  @IsInt({ message: 'Indiquez la version lue.' })
  @Min(1)
  version!: number;
}

