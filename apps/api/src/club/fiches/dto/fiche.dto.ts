import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CLASSES_POPULATION,
  FICHE_ACTIONS,
  FICHE_LIMITES as L,
  FICHE_STATUTS,
  FICHE_THEMES,
  type ClassePopulation,
  type FicheAction,
  type FicheStatut,
  type FicheTheme,
} from '@suivi-pvd/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { PageQuery } from '../../../core/http/page-query';

// ─── Parameters and queries ──────────────────────────────────────────────────

export class FicheIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de fiche invalide.' })
  id!: string;
}

export class FichePhotoParams extends FicheIdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'Identifiant de photo invalide.' })
  photoId!: string;
}

export class FichesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FICHE_STATUTS, description: 'Filtre sur le statut (la file de revue : en_revue)' })
  @IsOptional()
  @IsIn(FICHE_STATUTS, { message: 'Statut inconnu.' })
  statut?: FicheStatut;
}

export class PublicFichesQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Mots du titre, du résumé ou du nom de la commune' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: FICHE_THEMES })
  @IsOptional()
  @IsIn(FICHE_THEMES, { message: 'Thème inconnu.' })
  theme?: FicheTheme;

  @ApiPropertyOptional({ description: 'Code INSEE de la région' })
  @IsOptional()
  @Matches(/^[0-9]{2}$/, { message: 'Code de région invalide.' })
  region?: string;

  @ApiPropertyOptional({ description: 'Identifiant national d’une PVD (idPvd) : ses fiches publiées, pour sa page publique' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  pvd?: string;

  @ApiPropertyOptional({ enum: CLASSES_POPULATION, description: 'Classe de population de la petite ville de demain' })
  @IsOptional()
  @IsIn(CLASSES_POPULATION, { message: 'Classe de population inconnue.' })
  population?: ClassePopulation;
}

// ─── Inputs ──────────────────────────────────────────────────────────────────

export class FicheFinancementInput {
  @ApiProperty({ maxLength: L.financeur, description: 'Le financeur (État – DETR, Région, Banque des Territoires…)' })
  @IsString()
  @MinLength(1, { message: 'Nommez le financeur.' })
  @MaxLength(L.financeur)
  financeur!: string;

  @ApiProperty({ description: 'Montant en centimes' })
  @IsInt({ message: 'Montant en centimes, entier.' })
  @Min(0)
  @Max(L.montantMax)
  montant!: number;
}

/** The text of a sheet, as its chef de projet writes it (a PUT replaces all of it). */
export class FicheFieldsInput {
  @ApiProperty({ maxLength: L.titre })
  @IsString()
  @MinLength(1, { message: 'Donnez un titre à la fiche.' })
  @MaxLength(L.titre, { message: `Le titre fait au plus ${L.titre} caractères.` })
  titre!: string;

  @ApiProperty({ enum: FICHE_THEMES, isArray: true, maxItems: L.themes })
  @IsArray()
  @ArrayMaxSize(L.themes, { message: `Au plus ${L.themes} thèmes.` })
  @IsIn(FICHE_THEMES, { each: true, message: 'Thème inconnu.' })
  themes!: FicheTheme[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: L.resume })
  @IsOptional()
  @IsString()
  @MaxLength(L.resume, { message: `Le résumé fait au plus ${L.resume} caractères.` })
  resume?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: L.resultats })
  @IsOptional()
  @IsString()
  @MaxLength(L.resultats, { message: `Les résultats font au plus ${L.resultats} caractères.` })
  resultats?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Budget total en centimes' })
  @IsOptional()
  @IsInt({ message: 'Budget en centimes, entier.' })
  @Min(0)
  @Max(L.montantMax)
  budgetTotal?: number | null;

  @ApiPropertyOptional({ type: [FicheFinancementInput], maxItems: L.financements })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.financements, { message: `Au plus ${L.financements} financements.` })
  @ValidateNested({ each: true })
  @Type(() => FicheFinancementInput)
  financements?: FicheFinancementInput[];

  @ApiPropertyOptional({ type: [String], maxItems: L.partenaires })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(L.partenaires, { message: `Au plus ${L.partenaires} partenaires.` })
  @IsString({ each: true })
  @MaxLength(L.partenaire, { each: true })
  partenaires?: string[];

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: L.contactFonction, description: 'La fonction à contacter, jamais une personne nommée' })
  @IsOptional()
  @IsString()
  @MaxLength(L.contactFonction)
  contactFonction?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: L.contactOrganisation })
  @IsOptional()
  @IsString()
  @MaxLength(L.contactOrganisation)
  contactOrganisation?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: L.contactEmail, description: 'Adresse de la fonction ou du service, jamais une adresse personnelle' })
  @IsOptional()
  @IsString()
  @MaxLength(L.contactEmail)
  contactEmail?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: L.contactTelephone })
  @IsOptional()
  @IsString()
  @MaxLength(L.contactTelephone)
  contactTelephone?: string | null;
}

export class CreateFicheInput extends FicheFieldsInput {
  @ApiProperty({ format: 'uuid', description: 'La petite ville de demain du projet' })
  @IsUUID('all', { message: 'Choisissez la petite ville de demain.' })
  pvdId!: string;
}

export class UpdateFicheInput extends FicheFieldsInput {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class FicheVersionInput {
  @ApiProperty({ description: 'Version lue' })
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version!: number;
}

export class DemandeModificationsInput extends FicheVersionInput {
  @ApiProperty({ maxLength: L.commentaire, description: 'Ce qu’il faut modifier' })
  @IsString()
  @MinLength(1, { message: 'Dites ce qu’il faut modifier.' })
  @MaxLength(L.commentaire)
  commentaire!: string;
}

export class CommentaireInput {
  @ApiProperty({ maxLength: L.commentaire })
  @IsString()
  @MinLength(1, { message: 'Écrivez un commentaire.' })
  @MaxLength(L.commentaire)
  texte!: string;
}

export class PhotoInput {
  @ApiProperty({ maxLength: L.texteAlternatif, description: 'Ce que montre la photo, pour qui ne la voit pas' })
  @IsString()
  @MaxLength(L.texteAlternatif, { message: `Le texte alternatif fait au plus ${L.texteAlternatif} caractères.` })
  texteAlternatif!: string;

  @ApiPropertyOptional({ maxLength: L.legende })
  @IsOptional()
  @IsString()
  @MaxLength(L.legende)
  legende?: string;
}

// ─── Answers ─────────────────────────────────────────────────────────────────

export class FicheFinancementDto {
  @ApiProperty() financeur!: string;
  @ApiProperty({ description: 'Centimes' }) montant!: number;
}

export class FichePhotoDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() texteAlternatif!: string;
  @ApiProperty({ type: String, nullable: true }) legende!: string | null;
  @ApiProperty({ description: 'Adresse de l’image' }) url!: string;
}

export class FicheContactDto {
  @ApiProperty({ type: String, nullable: true }) fonction!: string | null;
  @ApiProperty({ type: String, nullable: true }) organisation!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true }) telephone!: string | null;
}

export class FichePvdDto {
  @ApiProperty({ description: 'Identifiant national de la PVD (page publique /programme/pvd/:idPvd)' }) idPvd!: string;
  @ApiProperty() nom!: string;
  @ApiProperty({ type: String, nullable: true }) departement!: string | null;
  @ApiProperty({ type: String, nullable: true }) region!: string | null;
  @ApiProperty({ type: String, nullable: true }) regionCode!: string | null;
  @ApiProperty({ type: Number, nullable: true }) population!: number | null;
  @ApiProperty({ enum: CLASSES_POPULATION, nullable: true }) classePopulation!: ClassePopulation | null;
}

/** A sheet as the public reads it: its content, never its review. */
export class PublicFicheDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() titre!: string;
  @ApiProperty({ enum: FICHE_THEMES, isArray: true }) themes!: FicheTheme[];
  @ApiProperty({ type: String, nullable: true }) resume!: string | null;
  @ApiProperty({ type: String, nullable: true }) resultats!: string | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Centimes' }) budgetTotal!: number | null;
  @ApiProperty({ type: [FicheFinancementDto] }) financements!: FicheFinancementDto[];
  @ApiProperty({ type: [String] }) partenaires!: string[];
  @ApiProperty({ type: FicheContactDto }) contact!: FicheContactDto;
  @ApiProperty({ type: [FichePhotoDto] }) photos!: FichePhotoDto[];
  @ApiProperty({ type: FichePvdDto }) pvd!: FichePvdDto;
  @ApiProperty({ type: String, format: 'date', nullable: true }) publieeLe!: string | null;
}

export class PublicFicheCarteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() titre!: string;
  @ApiProperty({ enum: FICHE_THEMES, isArray: true }) themes!: FicheTheme[];
  @ApiProperty({ type: String, nullable: true, description: 'Début du résumé' }) extrait!: string | null;
  @ApiProperty({ type: FichePhotoDto, nullable: true }) photo!: FichePhotoDto | null;
  @ApiProperty({ type: FichePvdDto }) pvd!: FichePvdDto;
  @ApiProperty({ type: String, format: 'date', nullable: true }) publieeLe!: string | null;
}

export class RegionDto {
  @ApiProperty() code!: string;
  @ApiProperty() nom!: string;
}

export class PublicFichesPageDto {
  @ApiProperty({ type: [PublicFicheCarteDto] }) items!: PublicFicheCarteDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [RegionDto], description: 'Les régions des fiches publiées (pour le filtre)' }) regions!: RegionDto[];
}

export class FicheCommentaireDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() auteur!: string;
  @ApiProperty({ enum: ['commentaire', 'demande_modifications'] }) nature!: 'commentaire' | 'demande_modifications';
  @ApiProperty() texte!: string;
  @ApiProperty({ format: 'date-time' }) creeLe!: string;
}

/** A sheet as its chef de projet and the ANCT read it: the content, its status and its review. */
export class FicheDto extends PublicFicheDto {
  @ApiProperty({ format: 'uuid' }) pvdId!: string;
  @ApiProperty({ enum: FICHE_STATUTS }) statut!: FicheStatut;
  @ApiProperty({ type: String, format: 'date', nullable: true }) depublieeLe!: string | null;
  @ApiProperty({ type: [FicheCommentaireDto] }) commentaires!: FicheCommentaireDto[];
  @ApiProperty({ enum: FICHE_ACTIONS, isArray: true, description: 'Ce que l’appelant peut faire' }) actions!: FicheAction[];
  @ApiProperty({ description: 'L’appelant peut modifier le texte et les photos' }) modifiable!: boolean;
  @ApiProperty() supprimable!: boolean;
  @ApiProperty({ description: 'L’appelant peut commenter la revue' }) peutCommenter!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Ce qui manque avant la soumission, par champ' }) manques!: Record<string, string>;
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'date-time' }) modifieeLe!: string;
}

export class FicheLigneDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() titre!: string;
  @ApiProperty({ enum: FICHE_STATUTS }) statut!: FicheStatut;
  @ApiProperty({ enum: FICHE_THEMES, isArray: true }) themes!: FicheTheme[];
  @ApiProperty({ format: 'uuid' }) pvdId!: string;
  @ApiProperty() pvdNom!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) soumiseLe!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) publieeLe!: string | null;
  @ApiProperty({ format: 'date-time' }) modifieeLe!: string;
}

export class PvdRedigeableDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() nom!: string;
}

export class FichesPageDto {
  @ApiProperty({ type: [FicheLigneDto] }) items!: FicheLigneDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ description: 'L’appelant relit et publie (ANCT)' }) relecteur!: boolean;
  @ApiProperty({ type: [PvdRedigeableDto], description: 'Les PVD dont l’appelant rédige les fiches' }) pvdsRedigeables!: PvdRedigeableDto[];
}
