import type { ClubEvenementStatut, ClubEvenementType, ClubInscriptionStatut } from '@suivi-pvd/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { AppUser } from '../core/auth/auth.entities';
import { Organisation } from '../organisations/organisation.entities';
import { Departement } from '../referentiel/referentiel.entities';

/** A speaker of an event; `pvd`: a chef de projet or élu of a Petite ville de demain. */
export interface ClubIntervenant {
  nom: string;
  fonction: string | null;
  pvd: boolean;
}

/** A material shared after the event (slides, report), by link. */
export interface ClubSupport {
  titre: string;
  url: string;
}

/**
 * An event of the Club (issue 19; ADR 0016): a webinar, a thematic week or season (and their
 * sessions, `parentId`), an atelier in situ, the rencontre nationale, a training, or a meeting of a
 * département's club. Organised by one organisation (the ANCT, a préfecture, a partner), which
 * manages it; only published events are shown to participants. The indicators C2–C4 read it.
 */
@Entity({ name: 'club_evenement' })
@Check(
  'ck_club_evenement_type',
  `"type" IN ('webinaire', 'semaine_thematique', 'saison_thematique', 'atelier_in_situ', 'rencontre_nationale', 'formation_initiale', 'formation_approfondissement', 'club_departemental')`,
)
@Check('ck_club_evenement_statut', `"statut" IN ('brouillon', 'publie', 'annule')`)
@Check('ck_club_evenement_dates', `"date_fin" >= "date_debut"`)
@Check('ck_club_evenement_capacite', `"capacite" IS NULL OR "capacite" >= 1`)
@Check('ck_club_evenement_participants', `"participants" IS NULL OR "participants" >= 0`)
@Check('ck_club_evenement_club_departement', `"type" <> 'club_departemental' OR "departement_code" IS NOT NULL`)
@Index('idx_club_evenement_agenda', ['statut', 'dateDebut'])
@Index('idx_club_evenement_departement', ['departementCode', 'dateDebut'])
export class ClubEvenement {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_club_evenement' })
  id!: string;

  @Column({ type: 'varchar', length: 30 })
  type!: ClubEvenementType;

  /** The season or week this event is a session of. */
  @Index('idx_club_evenement_parent')
  @Column({ name: 'parent_id', type: 'uuid', nullable: true })
  parentId!: string | null;

  @ManyToOne(() => ClubEvenement, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'fk_club_evenement_parent' })
  parent?: ClubEvenement | null;

  @Column({ type: 'text' })
  titre!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  themes!: string[];

  /** Calendar days in Paris. */
  @Column({ name: 'date_debut', type: 'date' })
  dateDebut!: string;

  @Column({ name: 'date_fin', type: 'date' })
  dateFin!: string;

  /** Local times in Paris. */
  @Column({ name: 'heure_debut', type: 'time', nullable: true })
  heureDebut!: string | null;

  @Column({ name: 'heure_fin', type: 'time', nullable: true })
  heureFin!: string | null;

  @Index('idx_club_evenement_organisateur')
  @Column({ name: 'organisateur_id', type: 'uuid' })
  organisateurId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisateur_id', foreignKeyConstraintName: 'fk_club_evenement_organisateur' })
  organisateur?: Organisation;

  /** The event's area: where it takes place, or the organising préfecture's département; null: national or online. */
  @Column({ name: 'departement_code', type: 'varchar', length: 3, nullable: true })
  departementCode!: string | null;

  @ManyToOne(() => Departement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departement_code', foreignKeyConstraintName: 'fk_club_evenement_departement' })
  departement?: Departement | null;

  @Column({ type: 'varchar', length: 20, default: 'brouillon' })
  statut!: ClubEvenementStatut;

  /** Seats; null: unlimited. */
  @Column({ type: 'integer', nullable: true })
  capacite!: number | null;

  /** Attendance recorded after the event (a club meeting: its number of participants). */
  @Column({ type: 'integer', nullable: true })
  participants!: number | null;

  /** Address of the place. */
  @Column({ type: 'text', nullable: true })
  lieu!: string | null;

  /** Online link (visio). */
  @Column({ type: 'text', nullable: true })
  lien!: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  intervenants!: ClubIntervenant[];

  /** Link to the recording, after the event. */
  @Column({ type: 'text', nullable: true })
  enregistrement!: string | null;

  /** Materials shared after the event. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  supports!: ClubSupport[];

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @ManyToOne(() => AppUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'fk_club_evenement_updated_by' })
  updatedByUser?: AppUser | null;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * A person's registration to an event: `inscrit` (a seat), `attente` (the waiting list, `position`
 * from 1), `desinscrit` (left). One row per event and person, reused when they register again.
 */
@Entity({ name: 'club_inscription' })
@Check('ck_club_inscription_statut', `"statut" IN ('inscrit', 'attente', 'desinscrit')`)
@Check('ck_club_inscription_position', `("statut" = 'attente') = ("position" IS NOT NULL)`)
@Index('uq_club_inscription', ['evenementId', 'userId'], { unique: true })
@Index('idx_club_inscription_file', ['evenementId', 'statut', 'position'])
export class ClubInscription {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_club_inscription' })
  id!: string;

  @Column({ name: 'evenement_id', type: 'uuid' })
  evenementId!: string;

  @ManyToOne(() => ClubEvenement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'evenement_id', foreignKeyConstraintName: 'fk_club_inscription_evenement' })
  evenement?: ClubEvenement;

  @Index('idx_club_inscription_user')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_club_inscription_user' })
  user?: AppUser;

  @Column({ type: 'varchar', length: 20 })
  statut!: ClubInscriptionStatut;

  /** Rank on the waiting list (1 is next), only while `attente`. */
  @Column({ type: 'integer', nullable: true })
  position!: number | null;

  /** Attendance, marked by the organiser. */
  @Column({ type: 'boolean', nullable: true })
  presence!: boolean | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/**
 * A person's calendar feed: the signed token of its address carries `generation`; regenerating
 * the address increments it (the old address stops working), revoking deletes the row.
 */
@Entity({ name: 'club_calendrier' })
export class ClubCalendrier {
  @PrimaryColumn({ name: 'user_id', type: 'uuid', primaryKeyConstraintName: 'PK_club_calendrier' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_club_calendrier_user' })
  user?: AppUser;

  @Column({ type: 'integer', default: 1 })
  generation!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The club area's entities, for the application's list (apps/api/src/entities.ts). */
export const CLUB_ENTITIES = [ClubEvenement, ClubInscription, ClubCalendrier];
