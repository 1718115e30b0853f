import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'region' })
export class Region {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  code!: string;

  @Column({ type: 'text' })
  nom!: string;
}

@Entity({ name: 'departement' })
export class Departement {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  code!: string;

  @Column({ type: 'text' })
  nom!: string;

  @Index('idx_departement_region')
  @Column({ name: 'region_code', type: 'varchar', length: 3 })
  regionCode!: string;

  /** INSEE code of the chef-lieu (where the préfecture sits). */
  @Column({ name: 'chef_lieu', type: 'varchar', length: 5, nullable: true })
  chefLieu!: string | null;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_departement_region' })
  region?: Region;
}

@Entity({ name: 'epci' })
export class Epci {
  @PrimaryColumn({ type: 'varchar', length: 9 })
  siren!: string;

  @Column({ type: 'text' })
  nom!: string;

  /** CC, CA, CU, METRO, MET69. */
  @Column({ type: 'varchar', length: 10 })
  type!: string;

  @Column({ type: 'integer', nullable: true })
  population!: number | null;
}

@Entity({ name: 'commune' })
/** GIN trigram index for substring search, created by its migration. */
@Index('idx_commune_nom_trgm', { synchronize: false })
// The EPCI's seat for attributing its amounts (most populous member): migration 1764100000016.
@Index('idx_commune_epci_siege', { synchronize: false })
@Check('chk_commune_densite', 'densite BETWEEN 1 AND 7')
export class Commune {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  insee!: string;

  @Column({ type: 'varchar', length: 9, nullable: true })
  siren!: string | null;

  @Column({ type: 'text' })
  nom!: string;

  /** Lower case, no accents, no punctuation: see searchKey() in libs/domain. */
  @Index('idx_commune_nom_recherche', { synchronize: false })
  @Column({ name: 'nom_recherche', type: 'text' })
  nomRecherche!: string;

  @Column({ type: 'integer', nullable: true })
  population!: number | null;

  @Index('idx_commune_departement')
  @Column({ name: 'departement_code', type: 'varchar', length: 3 })
  departementCode!: string;

  /** With the other territory indexes, lets scope filters (commune, EPCI, département, région) use a bitmap OR. */
  @Index('idx_commune_region')
  @Column({ name: 'region_code', type: 'varchar', length: 3 })
  regionCode!: string;

  @Index('idx_commune_epci')
  @Column({ name: 'epci_siren', type: 'varchar', length: 9, nullable: true })
  epciSiren!: string | null;

  /** INSEE grille communale de densité (1–7), set by its import. */
  @Column({ type: 'smallint', nullable: true })
  densite!: number | null;

  @ManyToOne(() => Departement, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'departement_code', foreignKeyConstraintName: 'fk_commune_departement' })
  departement?: Departement;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'fk_commune_region' })
  region?: Region;

  @ManyToOne(() => Epci, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'epci_siren', foreignKeyConstraintName: 'fk_commune_epci' })
  epci?: Epci | null;
}

/** Former communes (déléguées, associées): their codes are obsolete but still met in files. */
@Entity({ name: 'commune_ancienne' })
export class CommuneAncienne {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  insee!: string;

  @Column({ type: 'text' })
  nom!: string;

  /** commune-deleguee, commune-associee, or ancien-code (a code merged away with no commune déléguée left). */
  @Column({ type: 'varchar', length: 20 })
  type!: string;

  @Column({ name: 'commune_actuelle_insee', type: 'varchar', length: 5, nullable: true })
  communeActuelleInsee!: string | null;
}

/** Which version of the référentiel is loaded, so that loading at start is skipped when up to date. */
@Entity({ name: 'referentiel_meta' })
export class ReferentielMeta {
  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  value!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** The referentiel area's entities, for the application's list (apps/api/src/entities.ts). */
export const REFERENTIEL_ENTITIES = [Region, Departement, Epci, Commune, CommuneAncienne, ReferentielMeta];
