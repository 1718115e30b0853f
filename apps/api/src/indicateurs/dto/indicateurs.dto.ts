import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  INDICATEUR_IDS,
  INDICATEUR_SECTIONS,
  INDICATEUR_UNITES,
  PORTEE_TYPES,
  SOURCES_DONNEES,
  VENTILATIONS,
  type IndicateurId,
  type IndicateurSection,
  type PorteeType,
  type Ventilation,
} from '@suivi-pvd/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsIsoDay } from '../../core/http/iso-day';

const list = (values: readonly string[]) => values as unknown as string[];

/** `?portee=&code=&date=`: the area and the day of every figure. */
export class PorteeQuery {
  @ApiPropertyOptional({ enum: PORTEE_TYPES, default: 'nation', description: 'Échelle : nation, région, département, EPCI ou PVD' })
  @IsOptional()
  @IsIn(list(PORTEE_TYPES), { message: 'Portée : nation, region, departement, epci ou pvd.' })
  portee?: PorteeType;

  @ApiPropertyOptional({ description: 'Code de la zone : région (« 75 »), département (« 23 », « 2A », « 971 »), SIREN de l’EPCI, identifiant (uuid) du PVD', example: '23' })
  @ValidateIf((q: PorteeQuery) => q.portee !== undefined && q.portee !== 'nation')
  @IsString({ message: 'Indiquez le code de la zone.' })
  @MaxLength(36)
  @Matches(/^[0-9A-Za-z-]+$/, { message: 'Code de zone invalide.' })
  code?: string;

  @ApiPropertyOptional({ description: 'Jour des données (« au … ») ; aujourd’hui par défaut', example: '2024-01-01' })
  @IsOptional()
  @IsIsoDay()
  date?: string;
}

export class IndicateurIdParam {
  @ApiProperty({ enum: INDICATEUR_IDS })
  @IsIn(list(INDICATEUR_IDS), { message: 'Indicateur inconnu.' })
  id!: IndicateurId;
}

const toArray = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value);

export class IndicateurQuery extends PorteeQuery {
  @ApiPropertyOptional({ enum: VENTILATIONS, isArray: true, description: 'Ventilations demandées, séparées par des virgules' })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(VENTILATIONS.length)
  @IsIn(list(VENTILATIONS), { each: true, message: 'Ventilation inconnue.' })
  ventilation?: Ventilation[];
}

export class TableauQuery extends PorteeQuery {
  @ApiProperty({ enum: INDICATEUR_SECTIONS })
  @IsIn(list(INDICATEUR_SECTIONS), { message: 'Section : programme, ingenierie, thematique ou club.' })
  section!: IndicateurSection;

  @ApiPropertyOptional({ description: 'Jour de comparaison : chaque chiffre est aussi donné à ce jour', example: '2023-01-01' })
  @IsOptional()
  @IsIsoDay()
  comparaison?: string;
}

export class DetailQuery extends PorteeQuery {
  @ApiPropertyOptional({ enum: VENTILATIONS, description: 'Ne garder que les enregistrements d’une clé de ventilation (zone de carte, segment de graphique)' })
  @IsOptional()
  @IsIn(list(VENTILATIONS), { message: 'Ventilation inconnue.' })
  ventilation?: Ventilation;

  @ApiPropertyOptional({ description: 'La clé (code du département, année…)', example: '23' })
  @ValidateIf((q: DetailQuery) => q.ventilation !== undefined)
  @IsString({ message: 'Indiquez la clé de ventilation.' })
  @MaxLength(80)
  cle?: string;
}

export class DetailPageQuery extends DetailQuery {
  @ApiPropertyOptional({ default: 1, minimum: 1, maximum: 10000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  page?: number;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize?: number;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export class DetailExportQuery extends DetailQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(list(EXPORT_FORMATS), { message: 'Format : csv ou xlsx.' })
  format!: (typeof EXPORT_FORMATS)[number];
}

export class RepresentationDto {
  @ApiProperty({ enum: ['chiffre', 'part', 'camembert', 'barres', 'series', 'carte', 'liste'] }) kind!: string;
  @ApiPropertyOptional() denominateur?: string;
  @ApiPropertyOptional({ enum: VENTILATIONS }) ventilation?: Ventilation;
  @ApiPropertyOptional() empilees?: boolean;
  @ApiPropertyOptional() cumul?: boolean;
  @ApiPropertyOptional({ enum: ['departement', 'region'] }) niveau?: 'departement' | 'region';
  @ApiPropertyOptional() mesure?: string;
  @ApiPropertyOptional({ type: [Number] }) seuils?: number[];
}

export class IndicateurDefinitionDto {
  @ApiProperty({ enum: INDICATEUR_IDS }) id!: IndicateurId;
  @ApiProperty({ enum: INDICATEUR_SECTIONS }) section!: IndicateurSection;
  @ApiProperty() libelle!: string;
  @ApiProperty({ enum: INDICATEUR_UNITES }) unite!: string;
  @ApiProperty() definition!: string;
  @ApiProperty({ enum: VENTILATIONS, isArray: true }) ventilations!: Ventilation[];
  @ApiProperty({ type: [RepresentationDto] }) representations!: RepresentationDto[];
  @ApiProperty({ enum: SOURCES_DONNEES, isArray: true }) sources!: string[];
  @ApiProperty() additif!: boolean;
  @ApiProperty() disponible!: boolean;
  @ApiProperty() valeurPubliee2024!: string;
}

export class CatalogueDto {
  @ApiProperty({ type: [IndicateurDefinitionDto] }) items!: IndicateurDefinitionDto[];
}

export class SecondaireDto {
  @ApiProperty() cle!: string;
  @ApiProperty() libelle!: string;
  @ApiProperty({ enum: INDICATEUR_UNITES }) unite!: string;
  @ApiProperty() valeur!: number;
}

export class DenominateurDto {
  @ApiProperty() libelle!: string;
  @ApiProperty({ type: Number, nullable: true }) valeur!: number | null;
}

export class PartDto {
  @ApiProperty() cle!: string;
  @ApiProperty() libelle!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'En %' }) valeur!: number | null;
  @ApiProperty({ type: DenominateurDto }) denominateur!: DenominateurDto;
}

export class LigneVentilationDto {
  @ApiProperty() cle!: string;
  @ApiProperty() libelle!: string;
  @ApiProperty() valeur!: number;
  @ApiPropertyOptional() cumul?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Part en %' }) part?: number | null;
}

export class VentilationDto {
  @ApiProperty({ enum: VENTILATIONS }) par!: Ventilation;
  @ApiProperty({ type: [LigneVentilationDto] }) lignes!: LigneVentilationDto[];
}

export class ComparaisonDto {
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: Number, nullable: true }) valeur!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Écart avec la valeur du jour choisi' }) evolution!: number | null;
}

export class ValeurIndicateurDto {
  @ApiProperty({ enum: INDICATEUR_IDS }) id!: IndicateurId;
  @ApiProperty() libelle!: string;
  @ApiProperty({ enum: INDICATEUR_UNITES }) unite!: string;
  @ApiProperty() disponible!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'pas encore de données' }) message!: string | null;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: Number, nullable: true }) valeur!: number | null;
  @ApiProperty({ type: [SecondaireDto] }) secondaires!: SecondaireDto[];
  @ApiProperty({ type: [PartDto] }) parts!: PartDto[];
  @ApiProperty({ type: [VentilationDto] }) ventilations!: VentilationDto[];
  @ApiProperty({ type: [String], description: 'Sources des données' }) sources!: string[];
  @ApiProperty({ type: String, nullable: true, format: 'date', description: 'Date des données les plus récentes' }) dateDonnees!: string | null;
  @ApiPropertyOptional({ type: ComparaisonDto }) comparaison?: ComparaisonDto;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'La valeur nationale, pour comparaison' }) national?: number | null;
}

export class PorteeDto {
  @ApiProperty({ enum: PORTEE_TYPES }) type!: PorteeType;
  @ApiProperty({ type: String, nullable: true }) code!: string | null;
  @ApiProperty() libelle!: string;
}

export class TableauDto {
  @ApiProperty({ enum: INDICATEUR_SECTIONS }) section!: IndicateurSection;
  @ApiProperty({ type: PorteeDto }) portee!: PorteeDto;
  @ApiProperty({ format: 'date' }) date!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) comparaison!: string | null;
  @ApiProperty({ type: [ValeurIndicateurDto] }) indicateurs!: ValeurIndicateurDto[];
}

export class ResultatIndicateurDto extends ValeurIndicateurDto {
  @ApiProperty({ type: PorteeDto }) portee!: PorteeDto;
}

export class DetailColonneDto {
  @ApiProperty() cle!: string;
  @ApiProperty() libelle!: string;
  @ApiProperty({ enum: ['texte', 'euros', 'date', 'nombre'] }) kind!: string;
}

export class DetailPageDto {
  @ApiProperty({ type: [DetailColonneDto] }) colonnes!: DetailColonneDto[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) lignes!: Record<string, unknown>[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class ZoneDepartementDto {
  @ApiProperty({ example: '23' }) code!: string;
  @ApiProperty({ example: 'Creuse' }) nom!: string;
}

export class ZoneRegionDto {
  @ApiProperty({ example: '75' }) code!: string;
  @ApiProperty({ example: 'Nouvelle-Aquitaine' }) nom!: string;
  @ApiProperty({ description: 'Si l’utilisateur lit les indicateurs de la région entière' }) lisible!: boolean;
  @ApiProperty({ type: [ZoneDepartementDto], description: 'Les départements de la région dont l’utilisateur lit les indicateurs' }) departements!: ZoneDepartementDto[];
}

export class ZonesDto {
  @ApiProperty({ description: 'Si l’utilisateur lit les indicateurs nationaux' }) nation!: boolean;
  @ApiProperty({ type: PorteeDto, nullable: true, description: 'La zone où s’ouvrent ses tableaux de bord (la plus large qu’il lit)' }) parDefaut!: PorteeDto | null;
  @ApiProperty({ type: [ZoneRegionDto], description: 'Les régions où il lit au moins un département' }) regions!: ZoneRegionDto[];
}
