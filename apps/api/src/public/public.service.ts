import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  can,
  conventionPublique,
  DONNEES_PVD_COLONNES,
  ID_PVD_PUBLIC,
  INDICATEURS,
  indicateur,
  indicateursPublicsErreurs,
  ordreCatalogue,
  ortPublique,
  ORT_STATUTS_SIGNES,
  STATUT_PUBLIC_CONVENTION_LABELS,
  type IndicateurId,
  type LigneDonneesPvd,
  type Portee,
} from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import type { PageMeta } from '../core/http/page-meta';
import { todayInFrance } from '../core/time/today';
import { IndicateursService } from '../indicateurs/indicateurs.service';
import type { ValeurIndicateur } from '../indicateurs/engine/indicateurs-engine';
import type { IndicateurPublicDto, IndicateursPublicsDto, IndicateursPublicsInput, ProgrammePublicDto, PvdPublicDto, PvdPublicListeDto } from './dto/public.dto';

/** A PVD as the public pages read it (one SQL row). */
interface PvdRow {
  id: string;
  id_pvd: string;
  nom: string;
  communes_insee: string;
  communes: { insee: string; nom: string }[];
  epci_siren: string | null;
  epci_nom: string | null;
  dep: string;
  dep_nom: string;
  reg: string;
  reg_nom: string;
  date_selection: string | null;
  date_convention_adhesion: string | null;
  cadre_etat: string | null;
  cadre_date: string | null;
  orts: { statut: string; dateSignature: string | null; dureeAnnees: number | null }[];
}

const NOT_FOUND = () => new AppError('NOT_FOUND', 'Page non trouvée.');
const SIGNED_ORT = ORT_STATUTS_SIGNES.map((s) => `'${s}'`).join(', ');

/**
 * The PVD currently in the programme (a commune member on `$1`), with only what is public: names,
 * codes, the selection and signature days, the convention-cadre's state (mapped to its public
 * status by the domain) and the signed ORT covering its communes. `filtre` narrows on `p` and `a`.
 */
const pvdSql = (filtre: string, membres = 'TRUE') => `
  WITH m AS (SELECT commune_insee, pvd_id FROM pvd_communes_au($1::date) WHERE ${membres}),
  agg AS (
    SELECT m.pvd_id,
           string_agg(c.insee, ',' ORDER BY c.population DESC NULLS LAST, c.insee) AS communes_insee,
           string_agg(c.nom, ', ' ORDER BY c.population DESC NULLS LAST, c.insee) AS nom,
           json_agg(json_build_object('insee', c.insee, 'nom', c.nom) ORDER BY c.population DESC NULLS LAST, c.insee) AS communes,
           (array_agg(c.departement_code ORDER BY c.population DESC NULLS LAST, c.insee))[1] AS dep,
           (array_agg(c.region_code ORDER BY c.population DESC NULLS LAST, c.insee))[1] AS reg,
           array_agg(c.insee) AS insees
      FROM m JOIN commune c ON c.insee = m.commune_insee
     GROUP BY m.pvd_id
  )
  SELECT p.id, p.id_pvd, a.nom, a.communes_insee, a.communes, p.epci_siren, e.nom AS epci_nom,
         a.dep, d.nom AS dep_nom, a.reg, r.nom AS reg_nom,
         p.date_selection::text AS date_selection, p.date_convention_adhesion::text AS date_convention_adhesion,
         cv.etat AS cadre_etat, cv.date_signature::text AS cadre_date,
         COALESCE((SELECT json_agg(json_build_object('statut', o.statut, 'dateSignature', o.date_signature::text, 'dureeAnnees', o.duree_annees))
                     FROM ort o WHERE o.statut IN (${SIGNED_ORT})
                      AND EXISTS (SELECT 1 FROM ort_commune oc WHERE oc.ort_id = o.id AND oc.commune_insee = ANY(a.insees))), '[]'::json) AS orts
    FROM agg a
    JOIN pvd p ON p.id = a.pvd_id
    JOIN departement d ON d.code = a.dep
    JOIN region r ON r.code = a.reg
    LEFT JOIN epci e ON e.siren = p.epci_siren
    LEFT JOIN convention cv ON cv.pvd_id = p.id AND cv.type = 'cadre'
   WHERE ${filtre}
   ORDER BY p.id_pvd`;

/** At most this many PVD in one open data file (about 1,600 today): a bound, not a page. */
const DONNEES_MAX = 10_000;

/**
 * Public pages and open data, without login. Everything here reads only what the domain declares
 * public (libs/domain/src/public): statuses and signature days, names and codes, and the figures
 * the ANCT marked public, computed by the indicators engine. Never a document, a message, a person,
 * an amount that is not one of those figures.
 */
@Injectable()
export class PublicService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly indicateurs: IndicateursService,
    private readonly audit: AuditService,
  ) {}

  async indicateursPublics(): Promise<IndicateurId[]> {
    const rows: { indicateur_id: string }[] = await this.db.query('SELECT indicateur_id FROM indicateur_public');
    return ordreCatalogue(rows.map((r) => r.indicateur_id));
  }

  private figure(value: ValeurIndicateur, departements: boolean): IndicateurPublicDto {
    const def = indicateur(value.id);
    const out: IndicateurPublicDto = {
      id: value.id,
      section: def.section,
      libelle: value.libelle,
      definition: def.definition,
      unite: value.unite,
      disponible: value.disponible,
      valeur: value.valeur,
      parts: value.parts.map((p) => ({ libelle: p.libelle, valeur: p.valeur })),
      secondaires: value.secondaires.map((s) => ({ libelle: s.libelle, unite: s.unite, valeur: s.valeur })),
      dateDonnees: value.dateDonnees,
    };
    if (departements) {
      const lignes = value.ventilations.find((v) => v.par === 'departement')?.lignes ?? [];
      out.departements = lignes.map((l) => ({ code: l.cle, nom: l.libelle, valeur: l.valeur, part: l.part ?? null }));
    }
    return out;
  }

  /** The national page: the public figures today, each by département when it has a map or a breakdown by département. */
  async programme(): Promise<ProgrammePublicDto> {
    const jour = todayInFrance();
    const ids = await this.indicateursPublics();
    const [[{ n }], figures] = await Promise.all([
      this.db.query('SELECT count(DISTINCT pvd_id)::int AS n FROM pvd_communes_au($1::date)', [jour]),
      Promise.all(ids.map((id) => this.indicateurs.valeurPublique(id, { type: 'nation' }, jour, ['departement']))),
    ]);
    return { date: jour, nombrePvd: n, indicateurs: figures.map((f) => this.figure(f, true)) };
  }

  private async pvdRow(idPvd: string, jour: string): Promise<PvdRow | null> {
    if (!ID_PVD_PUBLIC.test(idPvd)) return null;
    const [row]: PvdRow[] = await this.db.query(pvdSql('p.id_pvd = $2', 'pvd_id = (SELECT id FROM pvd WHERE id_pvd = $2)'), [jour, idPvd]);
    return row ?? null;
  }

  /** A PVD's public page; 404 for an unknown id, a malformed one, or a PVD no longer in the programme. */
  async pvd(idPvd: string): Promise<PvdPublicDto> {
    const jour = todayInFrance();
    const row = await this.pvdRow(idPvd, jour);
    if (!row) throw NOT_FOUND();
    const ids = await this.indicateursPublics();
    const portee: Portee = { type: 'pvd', code: row.id };
    const figures = await Promise.all(ids.map((id) => this.indicateurs.valeurPublique(id, portee, jour)));
    const cadre = conventionPublique(row.cadre_etat ? { etat: row.cadre_etat, dateSignature: row.cadre_date } : null, jour);
    return {
      id: row.id,
      idPvd: row.id_pvd,
      nom: row.nom,
      date: jour,
      communes: row.communes.map((c) => ({ insee: c.insee, nom: c.nom })),
      epci: row.epci_siren && row.epci_nom ? { siren: row.epci_siren, nom: row.epci_nom } : null,
      departement: { code: row.dep, nom: row.dep_nom },
      region: { code: row.reg, nom: row.reg_nom },
      dateEntree: row.date_selection,
      dateSignatureConventionAdhesion: row.date_convention_adhesion,
      conventionCadre: { statut: cadre.statut, libelle: STATUT_PUBLIC_CONVENTION_LABELS[cadre.statut], dateSignature: cadre.dateSignature },
      ort: ortPublique(row.orts, jour),
      indicateurs: figures.map((f) => this.figure(f, false)),
    };
  }

  /** The PVD of a département (from the national page's table). */
  async pvdDuDepartement(departement: string): Promise<PvdPublicListeDto> {
    const jour = todayInFrance();
    const rows: PvdRow[] = await this.db.query(pvdSql('a.dep = $2'), [jour, departement]);
    return {
      items: rows
        .map((r) => ({ idPvd: r.id_pvd, nom: r.nom, statutConventionCadre: conventionPublique(r.cadre_etat ? { etat: r.cadre_etat, dateSignature: r.cadre_date } : null, jour).statut }))
        .sort((a, b) => a.nom.localeCompare(b.nom, 'fr')),
    };
  }

  /** The open data rows: one per PVD in the programme today, the schema's columns in order. */
  async donneesPvd(): Promise<{ jour: string; lignes: LigneDonneesPvd[] }> {
    const jour = todayInFrance();
    const rows: PvdRow[] = await this.db.query(`${pvdSql('TRUE')} LIMIT ${DONNEES_MAX}`, [jour]);
    const lignes = rows.map((r): LigneDonneesPvd => {
      const cadre = conventionPublique(r.cadre_etat ? { etat: r.cadre_etat, dateSignature: r.cadre_date } : null, jour);
      const ort = ortPublique(r.orts, jour);
      const values: LigneDonneesPvd = {
        id_pvd: r.id_pvd,
        nom: r.nom,
        communes_insee: r.communes_insee,
        epci_siren: r.epci_siren,
        epci_nom: r.epci_nom,
        departement_code: r.dep,
        region_code: r.reg,
        date_entree: r.date_selection,
        date_signature_convention_adhesion: r.date_convention_adhesion,
        statut_convention_cadre: cadre.statut,
        date_signature_convention_cadre: cadre.dateSignature,
        ort_en_vigueur: ort.enVigueur,
        date_signature_ort: ort.dateSignature,
        date_extraction: jour,
      };
      // The schema's order, whatever the literal above.
      return Object.fromEntries(DONNEES_PVD_COLONNES.map((c) => [c.name, values[c.name] ?? null])) as LigneDonneesPvd;
    });
    return { jour, lignes };
  }

  /** The social preview of a public page, for index.html served by the API (null: not a public page). */
  async pageMeta(path: string): Promise<PageMeta | null> {
    if (path === '/programme') {
      return {
        title: 'Le programme Petites villes de demain en chiffres',
        description: 'Les chiffres publics du programme Petites villes de demain (ANCT), sa carte par département et ses données ouvertes.',
        path,
      };
    }
    if (path === '/donnees') {
      return { title: 'Données ouvertes – Petites villes de demain', description: 'La liste des Petites villes de demain et de leurs statuts, en CSV et JSON, avec son schéma.', path };
    }
    const match = /^\/programme\/pvd\/([^/]+)$/.exec(path);
    if (!match) return null;
    const row = await this.pvdRow(match[1], todayInFrance());
    if (!row) return null;
    return {
      title: `${row.nom} – Petites villes de demain`,
      description: `${row.nom} (${row.dep_nom}) est une Petite ville de demain : ses communes, sa convention-cadre, son ORT et ses chiffres publics.`,
      path,
    };
  }

  // ─── The ANCT's choice ─────────────────────────────────────────────────────

  async choix(user: CurrentUser): Promise<IndicateursPublicsDto> {
    const [[liste], ids] = await Promise.all([this.db.query('SELECT version, updated_at FROM indicateur_public_liste WHERE id = 1'), this.indicateursPublics()]);
    return {
      version: liste.version,
      modifieLe: new Date(liste.updated_at).toISOString(),
      peutModifier: can(user.memberships, 'programme:parametrer'),
      items: INDICATEURS.map((i) => ({ id: i.id, section: i.section, libelle: i.libelle, disponible: i.disponible, public: ids.includes(i.id) })),
    };
  }

  /** Replaces the list of public indicators (the version read, or 409), audited. */
  async modifier(user: CurrentUser, actor: Actor, input: IndicateursPublicsInput): Promise<IndicateursPublicsDto> {
    const errors = indicateursPublicsErreurs(input.indicateurs);
    if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', 'La liste des chiffres publics ne peut pas être enregistrée.', errors);
    const wanted = ordreCatalogue(input.indicateurs);
    await this.db.transaction(async (em) => {
      const [liste] = await em.query('SELECT version FROM indicateur_public_liste WHERE id = 1 FOR UPDATE');
      if (liste.version !== input.version) {
        throw new AppError('CONFLICT', 'La liste des chiffres publics a été modifiée entre-temps : rechargez la page pour voir la dernière version.');
      }
      const before = ordreCatalogue((await em.query('SELECT indicateur_id FROM indicateur_public')).map((r: { indicateur_id: string }) => r.indicateur_id));
      await em.query('DELETE FROM indicateur_public WHERE NOT (indicateur_id = ANY($1::varchar[]))', [wanted]);
      await em.query('INSERT INTO indicateur_public (indicateur_id, created_by) SELECT unnest($1::varchar[]), $2 ON CONFLICT (indicateur_id) DO NOTHING', [wanted, user.id]);
      await em.query('UPDATE indicateur_public_liste SET version = version + 1, updated_at = now(), updated_by = $1 WHERE id = 1', [user.id]);
      await this.audit.record(em, actor, {
        action: 'indicateurs_publics.modifies',
        entityType: 'indicateurs_publics',
        entityId: 'liste',
        before: { indicateurs: before },
        after: { indicateurs: wanted },
      });
    });
    return this.choix(user);
  }
}
