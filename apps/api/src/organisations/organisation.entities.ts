import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { OrganisationType, Role } from '@suivi-pvd/domain';
import { AppUser } from '../core/auth/auth.entities';
import { Commune, Departement, Epci, Region } from '../referentiel/referentiel.entities';

/**
 * A commune, an EPCI, a préfecture, a SGAR, the ANCT or a partner. The territory it stands for
 * is stored here and gives the scope of its members' roles.
 */
@Entity({ name: 'organisation' })
@Check(
  'chk_organisation_territoire',
  `(type = 'commune') = (commune_insee IS NOT NULL) AND (type = 'epci') = (epci_siren IS NOT NULL)
   AND (type = 'prefecture') = (departement_code IS NOT NULL) AND (type = 'sgar') = (region_code IS NOT NULL)`,
)
@Check('chk_organisation_type', `type IN ('commune', 'epci', 'prefecture', 'sgar', 'anct', 'partenaire')`)
/** One organisation per territory (partial unique indexes, created by the migration). */
@Index('uq_organisation_territoire', { synchronize: false })
export class Organisation {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 20 })
  type!: OrganisationType;

  @Column({ type: 'text' })
  nom!: string;

  /** SIRET, to recognise the organisation of a ProConnect agent. */
  @Index('uq_organisation_siret', { unique: true, where: 'siret IS NOT NULL' })
  @Column({ type: 'varchar', length: 14, nullable: true })
  siret!: string | null;

  @Column({ name: 'commune_insee', type: 'varchar', length: 5, nullable: true })
  communeInsee!: string | null;

  @ManyToOne(() => Commune, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'commune_insee', foreignKeyConstraintName: 'fk_organisation_commune' })
  commune?: Commune | null;

  @Column({ name: 'epci_siren', type: 'varchar', length: 9, nullable: true })
  epciSiren!: string | null;

  @ManyToOne(() => Epci, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'epci_siren', foreignKeyConstraintName: 'fk_organisation_epci' })
  epci?: Epci | null;

  @Index('idx_organisation_departement')
  @Column({ name: 'departement_code', type: 'varchar', length: 3, nullable: true })
  departementCode!: string | null;

  @ManyToOne(() => Departement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departement_code', foreignKeyConstraintName: 'fk_organisation_departement' })
  departement?: Departement | null;

  @Column({ name: 'region_code', type: 'varchar', length: 3, nullable: true })
  regionCode!: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_organisation_region' })
  region?: Region | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @VersionColumn({ type: 'integer', default: 1 })
  version!: number;
}

/** A user's role in an organisation. */
@Entity({ name: 'membership' })
@Index('uq_membership_user_organisation', ['userId', 'organisationId'], { unique: true })
export class Membership {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_membership_user' })
  user?: AppUser;

  @Index('idx_membership_organisation')
  @Column({ name: 'organisation_id', type: 'uuid' })
  organisationId!: string;

  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'fk_membership_organisation' })
  organisation?: Organisation;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** The organisations area's entities, for the application's list (apps/api/src/entities.ts). */
export const ORGANISATIONS_ENTITIES = [Organisation, Membership];
