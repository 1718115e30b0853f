import { AuditChangeDto } from '../../audit/dto/audit-change.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONTACT_FONCTIONS, DOSSIER_SECTIONS, type ContactFonction, type DossierLecture, type DossierSection } from '@suivi-pvd/domain';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ConventionSummaryDto, EcheanceDto } from '../../conventions/dto/convention.dto';

export class ContactParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de PVD invalide.' })
  id!: string;

  @ApiProperty({ enum: CONTACT_FONCTIONS })
  @IsIn(CONTACT_FONCTIONS as unknown as string[], { message: 'Fonction inconnue.' })
  fonction!: ContactFonction;
}

export class ContactInput {
  @ApiProperty({ description: 'Version lue ; 0 pour un contact encore jamais renseigné' })
  @IsInt()
  @Min(0)
  @Max(2_147_483_647)
  version!: number;

  @ApiProperty({ example: 'Camille Martin' })
  @IsString()
  @MinLength(2, { message: 'Indiquez le nom.' })
  @MaxLength(200)
  nom!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'Cheffe de projet PVD' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  qualite?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'Adresse électronique invalide.' })
  @MaxLength(254)
  email?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '05 55 00 00 00' })
  @IsOptional()
  @Matches(/^\+?[0-9 .()-]{6,30}$/, { message: 'Numéro de téléphone invalide.' })
  telephone?: string | null;
}

export class ContactDto {
  @ApiProperty({ enum: CONTACT_FONCTIONS }) fonction!: ContactFonction;
  @ApiProperty({ type: String, nullable: true, description: 'Vide tant que personne n’est renseigné' }) nom!: string | null;
  @ApiProperty({ type: String, nullable: true }) qualite!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) telephone!: string | null;
  @ApiProperty({ description: '0 tant que le contact n’a jamais été renseigné' }) version!: number;
}

export class DossierCommuneDto {
  @ApiProperty() insee!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ type: Number, nullable: true }) population!: number | null;
  @ApiProperty() departementCode!: string;
  @ApiProperty() departementNom!: string;
  @ApiProperty() regionNom!: string;
}

export class DossierConventionsDto {
  @ApiProperty({ type: ConventionSummaryDto, nullable: true }) adhesion!: ConventionSummaryDto | null;
  @ApiProperty({ type: ConventionSummaryDto, nullable: true }) cadre!: ConventionSummaryDto | null;
  @ApiProperty({ type: [ConventionSummaryDto] }) avenants!: ConventionSummaryDto[];
}

export class DossierAlerteDto {
  @ApiProperty({ example: 'CADRE_EN_RETARD' }) code!: string;
  @ApiProperty({ enum: ['info', 'warning', 'error'] }) niveau!: 'info' | 'warning' | 'error';
  @ApiProperty() message!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Convention concernée' }) conventionId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Poste de chef de projet concerné' }) posteId!: string | null;
}

/** A chef de projet post of the dossier and whether it is held today (not by whom). */
export class DossierPosteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() intitule!: string;
  @ApiProperty({ description: 'Un titulaire occupe le poste aujourd’hui' }) pourvu!: boolean;
}

export class DossierDroitsDto {
  @ApiProperty({
    enum: ['complete', 'resume'],
    description: 'complete : le dossier entier ; resume : son résumé, pour un partenaire qui finance une mission, une ligne ou une opération dans la PVD (ni contacts, ni documents, ni historique)',
  })
  lecture!: DossierLecture;
  @ApiProperty({ enum: DOSSIER_SECTIONS, isArray: true, description: 'Les rubriques du dossier que l’utilisateur lit' }) sections!: DossierSection[];
  @ApiProperty({ description: 'Peut modifier le dossier (contacts, conventions, pièces)' }) modifier!: boolean;
  @ApiProperty({ description: 'Peut instruire les conventions' }) instruire!: boolean;
  @ApiProperty({ enum: CONTACT_FONCTIONS, isArray: true, description: 'Contacts que l’utilisateur peut renseigner (la préfecture : son référent seulement)' })
  contacts!: ContactFonction[];
}

export class DossierDto {
  @ApiProperty() id!: string;
  @ApiProperty() idPvd!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ type: [DossierCommuneDto] }) communes!: DossierCommuneDto[];
  @ApiProperty({ type: String, nullable: true }) epciSiren!: string | null;
  @ApiProperty({ type: String, nullable: true }) epciNom!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) dateSelection!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date', description: "Date de la convention d'adhésion selon la liste nationale" })
  dateConventionAdhesion!: string | null;
  @ApiProperty({ type: [ContactDto], description: 'Une entrée par fonction ; aucune pour le résumé (partenaire)' }) contacts!: ContactDto[];
  @ApiProperty({ type: DossierConventionsDto }) conventions!: DossierConventionsDto;
  @ApiProperty({ type: EcheanceDto }) echeanceConventionCadre!: EcheanceDto;
  @ApiProperty({ type: [DossierAlerteDto], description: 'Pour le résumé : celles des conventions et des postes vacants' }) alertes!: DossierAlerteDto[];
  @ApiProperty({ type: [DossierPosteDto], description: 'Les postes de chef de projet, pourvus ou non' }) postes!: DossierPosteDto[];
  @ApiProperty({ type: DossierDroitsDto }) droits!: DossierDroitsDto;
}

/**
 * How many records each section of the dossier holds, as its list shows them to the caller: null
 * where the section is not read, or not counted for this reading (a partner reads its own missions
 * and lines only: they are counted when it opens them).
 */
export class DossierEffectifsDto {
  @ApiProperty({ type: Number, nullable: true, description: 'Postes de chef de projet' }) postes!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Missions d’expertise' }) missions!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'ORT couvrant une commune de la PVD' }) ort!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Opérations d’habitat couvrant une commune de la PVD' }) operationsHabitat!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Lignes de financement (communes de la PVD et leurs EPCI)' }) financements!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Participations des communes aux démarches thématiques' }) demarches!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Modifications enregistrées' }) historique!: number | null;
}

/** The dossier page's first screen in one call: the dossier and how many records each section holds. */
export class DossierApercuDto extends DossierDto {
  @ApiProperty({ type: DossierEffectifsDto }) effectifs!: DossierEffectifsDto;
}

export class HistoryEntryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({ description: 'Auteur : « Prénom Nom (organisation) », ou le libellé gardé (adresse, import)' }) auteur!: string;
  @ApiProperty({ example: 'convention.modifiee' }) action!: string;
  @ApiProperty({ description: 'L’action, en clair', example: 'Modification' }) actionLibelle!: string;
  @ApiProperty({ example: 'convention' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ description: 'Ce qui a changé, en clair : « Convention-cadre », « Contact : élu référent »' }) objet!: string;
  @ApiProperty({ type: [AuditChangeDto], description: 'Les champs modifiés, nommés comme à l’écran, valeurs en clair ; les champs techniques sont omis' })
  changes!: AuditChangeDto[];
}

export class HistoryPageDto {
  @ApiProperty({ type: [HistoryEntryDto] }) items!: HistoryEntryDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
