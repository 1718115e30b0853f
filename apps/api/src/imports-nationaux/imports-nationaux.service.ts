import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  checkConventionRow,
  checkOrtRow,
  checkParticipationRow,
  checkPosteRow,
  classifyConvention,
  classifyOrt,
  classifyParticipation,
  classifyPoste,
  conventionKey,
  isBlankRow,
  isNationalImportType,
  matchHeader,
  mergeOrt,
  mergeParticipation,
  mergePoste,
  NATIONAL_IMPORT_TYPES,
  nationalImportColumns,
  normaliseInseeCode,
  parseCommunes,
  rejectDuplicates,
  type AttributDefinition,
  type Classement,
  type ConventionImportRecord,
  type CoveredCommune,
  type FormerCommune,
  type HeaderMatch,
  type ImportChamp,
  type ImportRejet,
  type ImportRow,
  type Membership,
  type NamedPlace,
  type NamingRecord,
  type NationalLineOutcome,
  type NationalImportStatut,
  type NationalImportType,
  type OrtImportRecord,
  type ParticipationImportRecord,
  type PosteImportRecord,
  type StoredConvention,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditEntry, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { APP_CONFIG, AppConfig } from '../core/config/config';
import { AppError } from '../core/errors/app-error';
import { TableRefused } from '../core/files/read-table';
import { forEachChunk, JobInterruptedError, type JobContext } from '../core/jobs/job-context';
import { JobsService } from '../core/jobs/jobs.service';
import { MetricsService } from '../core/metrics/metrics.service';
import { NotificationsService } from '../notifications/notifications.service';
import { notifyImportOutcome } from '../notifications/import-outcome';
import { importFileError, readImportFile } from '../imports-partenaires/read-import-file';
import { insertPoste, posteSnapshot, replacePosteChildren } from '../ingenierie/postes.service';
import { loadMemberships } from '../core/auth/memberships';
import { pvdsCovering } from '../territoire/coverage';
import type { ImportLignesPageDto } from '../imports-partenaires/dto/import-partenaire.dto';
import type { ImportNationalDto, ImportNationalApercuDto, ImportNationalLignesQuery } from './dto/import-national.dto';

/** The queue's job that applies a confirmed import. */
export const IMPORT_NATIONAL_JOB = 'imports-nationaux.appliquer';
/** Lines per transaction (and checkpoint). */
export const NATIONAL_CHUNK = 200;
/** Attempts before an import is marked failed (the job's first run and its retries). */
const RETRY_LIMIT = 3;
/** Errors shown with the preview. */
const PREVIEW_ERRORS = 20;

type Db = DataSource | EntityManager;
type Record_ = OrtImportRecord | ParticipationImportRecord | ConventionImportRecord | PosteImportRecord;

/** What a type's lines are checked and applied with. */
interface Context {
  importId: string;
  type: NationalImportType;
  nomFichier: string;
  demarche: { id: string; nom: string; attributs: AttributDefinition[] } | null;
  memberships: readonly Membership[];
  userId: string | null;
}

/** A stored record matched by a line: its id and its fields in the line's shape. */
interface Stored {
  id: string;
  record: OrtImportRecord | ParticipationImportRecord | StoredConvention | PosteImportRecord;
}

/** A line once compared with what is stored. */
type Planned = { outcome: NationalLineOutcome<Record_>; classement: Classement | null; stored: Stored | null };

interface ImportRow_ {
  id: string;
  type: NationalImportType;
  demarche_id: string | null;
  nom_fichier: string;
  statut: NationalImportStatut;
  fichier: Buffer | null;
  created_by: string | null;
  email: string | null;
}

/**
 * The ANCT's national bulk loading (ORT list, a scheme's participations, historical conventions).
 * The upload is read and checked at once, and compared with what is stored: the preview (counts,
 * first errors) is kept with the file. Once confirmed, a job on the queue re-reads the file and
 * applies it chunk by chunk, each chunk's records, report lines, counts and checkpoint committed
 * together: a restart resumes after the last committed chunk and never writes a line twice.
 */
@Injectable()
export class ImportsNationauxService implements OnModuleInit {
  private readonly logger = new Logger(ImportsNationauxService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly jobs: JobsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ importId: string }, { next: number }>(IMPORT_NATIONAL_JOB, (ctx) => this.apply(ctx), {
      label: 'Import national',
      retryLimit: RETRY_LIMIT,
      retryDelaySeconds: this.config.nodeEnv === 'test' ? 0 : 30,
      retryBackoff: this.config.nodeEnv !== 'test',
      expireInSeconds: 30 * 60,
      policy: 'stately',
    });
  }

  /** Reads the file, checks every line against the stored state and keeps the preview (nothing is written but the import). */
  async preview(user: CurrentUser, actor: Actor, type: string | undefined, demarcheRef: string | undefined, fileName: string, buffer: Buffer): Promise<ImportNationalDto> {
    if (!isNationalImportType(type)) throw new AppError('IMPORT_TYPE_UNKNOWN', `Type d’import inconnu : choisissez ${NATIONAL_IMPORT_TYPES.join(', ')}.`, { type: ['Choisissez le type de données importées.'] });
    const demarche = type === 'participations' ? await this.demarcheOf(demarcheRef) : null;
    const ctx: Context = { importId: '', type, nomFichier: fileName, demarche, memberships: user.memberships, userId: user.id };
    const { match, rows } = await this.read(ctx, buffer);
    const plan = await this.plan(this.dataSource, ctx, match, rows);
    const count = (kind: Classement['kind']) => plan.filter((p) => p.classement?.kind === kind).length;
    const errors = plan.flatMap(errorsOf);
    const warnings = plan.flatMap(warningsOf);
    const apercu: ImportNationalApercuDto = {
      crees: count('creation'),
      misAJour: count('mise_a_jour'),
      inchanges: count('inchange'),
      rejetes: plan.filter((p) => !p.outcome.ok || p.classement?.kind === 'rejet').length,
      erreurs: errors.slice(0, PREVIEW_ERRORS),
      erreursTotal: errors.length,
      colonnesIgnorees: match.unknown,
      avertissements: warnings.slice(0, PREVIEW_ERRORS),
      avertissementsTotal: warnings.length,
    };
    const [row] = await this.dataSource.query(
      `INSERT INTO import_national (type, demarche_id, nom_fichier, fichier, apercu, total_lignes, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [type, demarche?.id ?? null, fileName.slice(0, 255), buffer, JSON.stringify(apercu), rows.length, actor.id],
    );
    return this.get(row.id);
  }

  /** Confirms a previewed import: queued as a job (one per import), audited. */
  async confirm(actor: Actor, id: string): Promise<ImportNationalDto> {
    await this.dataSource.transaction(async (em) => {
      const [row] = await em.query('SELECT statut, type, nom_fichier FROM import_national WHERE id = $1 FOR UPDATE', [id]);
      if (!row) throw new AppError('IMPORT_NOT_FOUND', 'Import introuvable.');
      if (row.statut !== 'apercu') throw new AppError('CONFLICT', 'Cet import est déjà confirmé.', { id: ['Import déjà confirmé : suivez sa progression.'] });
      const jobId = await this.jobs.send(IMPORT_NATIONAL_JOB, { importId: id }, { em, singletonKey: id });
      await em.query(`UPDATE import_national SET statut = 'en_attente', confirme_le = now(), job_id = $2 WHERE id = $1`, [id, jobId]);
      await this.audit.record(em, actor, { action: 'import_national.confirme', entityType: 'import_national', entityId: id, before: null, after: { type: row.type, nomFichier: row.nom_fichier } });
    });
    return this.get(id);
  }

  /** The job: applies a confirmed import from its checkpoint. */
  async apply(ctx: JobContext<{ importId: string }, { next: number }>): Promise<object | void> {
    const id = ctx.data.importId;
    const [row]: ImportRow_[] = await this.dataSource.query(
      `SELECT i.id, i.type, i.demarche_id, i.nom_fichier, i.statut, i.fichier, i.created_by, u.email FROM import_national i LEFT JOIN app_user u ON u.id = i.created_by WHERE i.id = $1`,
      [id],
    );
    // A duplicate delivery, or an import gone: nothing to do.
    if (!row || row.statut === 'termine' || row.statut === 'echoue' || row.statut === 'apercu' || !row.fichier) return { importId: id, ignore: true };
    const actor: Actor = { id: row.created_by, label: row.email ?? 'import national' };
    const startedAt = Date.now();
    try {
      const memberships = row.created_by ? ((await loadMemberships(this.dataSource, [row.created_by])).get(row.created_by) ?? []) : [];
      const demarche = row.demarche_id ? await this.demarcheOf(row.demarche_id) : null;
      const context: Context = { importId: id, type: row.type, nomFichier: row.nom_fichier, demarche, memberships, userId: row.created_by };
      const { match, rows } = await this.read(context, row.fichier);
      await this.dataSource.query(`UPDATE import_national SET statut = 'en_cours', total_lignes = $2 WHERE id = $1`, [id, rows.length]);
      // Duplicates are judged over the whole file (the first line of a key wins), the rest chunk by chunk against the stored state.
      const outcomes = await this.check(this.dataSource, context, match, rows);
      await forEachChunk(ctx, outcomes, NATIONAL_CHUNK, async (chunk, _start, next) => {
        await this.dataSource.transaction(async (em) => {
          // One national import of a kind applies at a time.
          await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`import-national:${row.type}`]);
          const plan = await this.classify(em, context, chunk, match);
          await this.write(em, context, actor, plan, match);
          await em.query('UPDATE import_national SET lignes_traitees = $2 WHERE id = $1', [id, next]);
          await ctx.progress(next, outcomes.length, { checkpoint: { next }, em });
        });
      });
      const counts = await this.dataSource.transaction(async (em) => {
        // Through a CTE: the driver answers an UPDATE with [rows, count], which the audit kept as { 0: … }.
        const [done] = await em.query(
          `WITH u AS (UPDATE import_national SET statut = 'termine', termine_le = now(), fichier = NULL, lignes_traitees = total_lignes WHERE id = $1
                      RETURNING crees, mis_a_jour, inchanges, rejetes)
           SELECT * FROM u`,
          [id],
        );
        await this.audit.record(em, actor, { action: 'import_national.termine', entityType: 'import_national', entityId: id, before: null, after: { type: row.type, nomFichier: row.nom_fichier, ...done } });
        await this.notifyOutcome(em, id, null);
        return done as object;
      });
      this.metrics.observeImport('national', row.type, 'completed', startedAt);
      return { importId: id, ...counts };
    } catch (error) {
      const refused = error instanceof TableRefused ? importFileError(error) : error;
      if (refused instanceof AppError && refused.fields) {
        this.metrics.observeImport('national', row.type, 'refused', startedAt);
        await this.fail(id, refused.message);
        return { importId: id, echoue: refused.message };
      }
      this.metrics.observeImport('national', row.type, error instanceof JobInterruptedError || ctx.signal.aborted ? 'interrupted' : 'failed', startedAt);
      if (ctx.attempt > RETRY_LIMIT && !ctx.signal.aborted) {
        this.logger.error({ err: error, importId: id }, 'national import failed');
        await this.fail(id, 'L’import a échoué à l’enregistrement après plusieurs essais : les lignes déjà enregistrées le restent. Réessayez ; si l’erreur persiste, contactez le support.');
      }
      throw error;
    }
  }

  private async fail(id: string, message: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      await em.query(`UPDATE import_national SET statut = 'echoue', termine_le = now(), erreur = $2 WHERE id = $1`, [id, message]);
      await this.notifyOutcome(em, id, message);
    });
  }

  /** Tells the person who started the import that it finished (`failure` null) or failed, in the transaction of the outcome. */
  private notifyOutcome(em: EntityManager, id: string, failure: string | null): Promise<void> {
    return notifyImportOutcome(this.notifications, em, 'national', id, failure);
  }


  async list(): Promise<ImportNationalDto[]> {
    const rows = await this.dataSource.query(`${SUMMARY} ORDER BY i.created_at DESC LIMIT 50`);
    return rows.map(toDto);
  }

  async get(id: string): Promise<ImportNationalDto> {
    const [row] = await this.dataSource.query(`${SUMMARY} WHERE i.id = $1`, [id]);
    if (!row) throw new AppError('IMPORT_NOT_FOUND', 'Import introuvable.');
    return toDto(row);
  }

  async lines(id: string, query: ImportNationalLignesQuery): Promise<ImportLignesPageDto> {
    const [row] = await this.dataSource.query('SELECT rejets_total, changements_total, avertissements_total FROM import_national WHERE id = $1', [id]);
    if (!row) throw new AppError('IMPORT_NOT_FOUND', 'Import introuvable.');
    const nature = query.nature ?? 'erreur';
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const items = await this.dataSource.query(
      `SELECT nature, ligne, colonne, motif, reference, champs FROM import_national_ligne WHERE import_id = $1 AND nature = $2 ORDER BY numero LIMIT $3 OFFSET $4`,
      [id, nature, pageSize, (page - 1) * pageSize],
    );
    return { items, total: nature === 'erreur' ? row.rejets_total : nature === 'changement' ? row.changements_total : row.avertissements_total, page, pageSize };
  }

  /** A scheme by id or code (participations), with its attributes: the file's columns. */
  async demarcheOf(ref: string | undefined): Promise<{ id: string; code: string; nom: string; attributs: AttributDefinition[] }> {
    if (!ref) throw new AppError('VALIDATION_FAILED', 'Choisissez le dispositif des participations.', { demarche: ['Choisissez le dispositif.'] });
    const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(ref);
    const [row] = await this.dataSource.query(`SELECT id, code, nom, attributs FROM demarche WHERE ${isUuid ? 'id = $1::uuid' : 'code = $1'}`, [ref]);
    if (!row) throw new AppError('VALIDATION_FAILED', 'Dispositif inconnu.', { demarche: [`Aucun dispositif « ${ref} ».`] });
    return row;
  }

  /** The file read within the limits, its header matched with the type's columns, its blank lines dropped. */
  private async read(ctx: Context, buffer: Buffer): Promise<{ match: HeaderMatch; rows: ImportRow[] }> {
    const table = await readImportFile(buffer, this.config.importLimits);
    const match = matchHeader(table.header, nationalImportColumns(ctx.type, ctx.demarche?.attributs ?? []));
    if (match.missing.length > 0) {
      const message = `Colonnes obligatoires absentes : ${match.missing.join(', ')}. Colonnes trouvées : ${table.header.filter((h) => h.trim()).join(', ') || 'aucune'}. Téléchargez le modèle pour les noms attendus.`;
      throw new AppError('IMPORT_FILE_INVALID', message, { fichier: [message] });
    }
    const rows = table.rows.filter((r) => !isBlankRow(r));
    if (rows.length === 0) throw new AppError('IMPORT_FILE_INVALID', 'Le fichier ne contient aucune ligne de données.', { fichier: ['Le fichier ne contient aucune ligne de données.'] });
    return { match, rows };
  }

  private async plan(db: Db, ctx: Context, match: HeaderMatch, rows: ImportRow[]): Promise<Planned[]> {
    return this.classify(db, ctx, await this.check(db, ctx, match, rows), match);
  }

  /** Every line checked (against the référentiel and the programme, loaded once for the file), duplicates rejected. */
  private async check(db: Db, ctx: Context, match: HeaderMatch, rows: ImportRow[]): Promise<NationalLineOutcome<Record_>[]> {
    const cells = (column: string) => {
      const i = match.index.get(column);
      return i === undefined ? [] : rows.map((r) => (r.cells[i] ?? '').trim()).filter(Boolean);
    };
    const inseeOf = (t: string) => (/^\d{4,5}$|^2[AB]\d{3}$/i.test(t) ? normaliseInseeCode(t) : t);
    // Former commune codes (merged communes) are read as their successor, with a warning.
    const formers = async (codes: string[]) => {
      const map = await this.formerCodes(db, codes);
      const successors = [...map.values()].flatMap((f) => (f.successeur ? [f.successeur.insee] : []));
      return { ancienne: (insee: string) => map.get(insee), withSuccessors: [...codes, ...successors] };
    };
    if (ctx.type === 'orts') {
      const former = await formers(
        cells('communes').flatMap((t) => {
          const parsed = parseCommunes(t);
          return parsed.ok ? parsed.value : [];
        }),
      );
      const communes = await this.communes(db, former.withSuccessors);
      const epcis = await this.epcis(db, cells('epci_signataire').map((t) => t.replace(/\s/g, '')));
      const cadres = await this.cadres(db, cells('convention_cadre').map(inseeOf));
      const outcomes = rows.map((row) =>
        checkOrtRow(row, match, {
          commune: (insee) => communes.get(insee),
          epci: (siren) => epcis.get(siren),
          conventionCadre: (pvd) => cadres.get(pvd),
          memberships: ctx.memberships,
          ancienne: former.ancienne,
        }),
      );
      return rejectDuplicates(outcomes, (r) => r.referenceExterne, (r) => r.referenceExterne) as NationalLineOutcome<Record_>[];
    }
    if (ctx.type === 'participations') {
      const former = await formers(cells('commune').map((t) => normaliseInseeCode(t.replace(/\s/g, ''))));
      const pvds = await this.pvdOfCommunes(db, former.withSuccessors);
      const attributs = ctx.demarche?.attributs ?? [];
      const outcomes = rows.map((row) => checkParticipationRow(row, match, attributs, { pvdOfCommune: (insee) => pvds.get(insee), ancienne: former.ancienne }));
      return rejectDuplicates(outcomes, (r) => `${r.communeInsee}:${r.referenceExterne}`, (r) => `${r.referenceExterne} (commune ${r.communeInsee})`) as NationalLineOutcome<Record_>[];
    }
    const former = await formers(cells('pvd').map(inseeOf));
    const pvds = await this.pvds(db, former.withSuccessors);
    if (ctx.type === 'postes') {
      const employeurs = cells('employeur').map((t) => t.replace(/[\s\u00a0\u202f]/g, ''));
      const formerEmployeurs = await formers(employeurs.filter((t) => !/^\d{9}$/.test(t)).map(inseeOf));
      const communes = await this.communes(db, formerEmployeurs.withSuccessors);
      const epcis = await this.epcis(db, employeurs);
      const records = await this.pvdRecords(db, [...new Set([...pvds.values()].map((p) => p.id))]);
      const outcomes = rows.map((row) =>
        checkPosteRow(row, match, {
          pvd: (t) => pvds.get(t),
          pvdRecord: (id) => records.get(id),
          place: (kind, code) => (kind === 'epci' ? epcis.get(code) : communePlace(communes.get(code))),
          memberships: ctx.memberships,
          ancienne: (insee) => former.ancienne(insee) ?? formerEmployeurs.ancienne(insee),
        }),
      );
      return rejectDuplicates(outcomes, (r) => r.referenceExterne, (r) => r.referenceExterne) as NationalLineOutcome<Record_>[];
    }
    const outcomes = rows.map((row) => checkConventionRow(row, match, { pvd: (t) => pvds.get(t), ancienne: former.ancienne }));
    return rejectDuplicates(outcomes, conventionKey, (r) => `${r.idPvd} ${r.type === 'cadre' ? 'cadre' : 'adhésion'}`).map((o) =>
      o.ok || o.rejets[0]?.colonne !== 'reference' ? o : { ...o, rejets: o.rejets.map((r) => ({ ...r, colonne: 'pvd', motif: r.motif.replace(/^Référence/, 'Convention') })) },
    ) as NationalLineOutcome<Record_>[];
  }

  /** The accepted lines compared with what is stored. */
  private async classify(db: Db, ctx: Context, outcomes: readonly NationalLineOutcome<Record_>[], match: HeaderMatch): Promise<Planned[]> {
    const records = outcomes.flatMap((o) => (o.ok ? [o.record] : []));
    const stored = await this.load(db, ctx, records);
    const columns = new Set(match.index.keys());
    return outcomes.map((outcome) => {
      if (!outcome.ok) return { outcome, classement: null, stored: null };
      const current = stored.get(keyOf(ctx.type, outcome.record)) ?? null;
      const classement =
        ctx.type === 'orts'
          ? classifyOrt((current?.record as OrtImportRecord | undefined) ?? null, outcome.record as OrtImportRecord, columns)
          : ctx.type === 'participations'
            ? classifyParticipation((current?.record as ParticipationImportRecord | undefined) ?? null, outcome.record as ParticipationImportRecord, ctx.demarche?.attributs ?? [], columns)
            : ctx.type === 'postes'
              ? classifyPoste((current?.record as PosteImportRecord | undefined) ?? null, outcome.record as PosteImportRecord, columns)
              : classifyConvention((current?.record as StoredConvention | undefined) ?? null, outcome.record as ConventionImportRecord);
      return { outcome, classement, stored: current };
    });
  }

  /** The stored records the lines match, by key. */
  private async load(db: Db, ctx: Context, records: Record_[]): Promise<Map<string, Stored>> {
    const map = new Map<string, Stored>();
    if (records.length === 0) return map;
    if (ctx.type === 'orts') {
      const rows = await db.query(
        `SELECT o.id, o.reference_externe, o.libelle, o.epci_siren, o.statut, o.date_signature::text AS date_signature, o.duree_annees, o.convention_cadre_id,
                o.source, o.date_source::text AS date_source, ARRAY(SELECT oc.commune_insee FROM ort_commune oc WHERE oc.ort_id = o.id ORDER BY oc.commune_insee)::text[] AS communes
           FROM ort o WHERE o.reference_externe = ANY($1::varchar[])`,
        [(records as OrtImportRecord[]).map((r) => r.referenceExterne)],
      );
      for (const r of rows) {
        const record: OrtImportRecord = {
          referenceExterne: r.reference_externe,
          libelle: r.libelle,
          communes: r.communes,
          epciSiren: r.epci_siren,
          statut: r.statut,
          dateSignature: r.date_signature,
          dureeAnnees: r.duree_annees,
          conventionCadreId: r.convention_cadre_id,
          source: r.source,
          dateSource: r.date_source,
        };
        map.set(r.reference_externe, { id: r.id, record });
      }
    } else if (ctx.type === 'participations') {
      const rows = await db.query(
        `SELECT dp.id, dp.reference_externe, dp.commune_insee, dp.date_debut::text AS date_debut, dp.date_fin::text AS date_fin, dp.attributs, dp.source, dp.date_source::text AS date_source, pc.pvd_id
           FROM demarche_participation dp LEFT JOIN pvd_commune pc ON pc.commune_insee = dp.commune_insee
          WHERE dp.demarche_id = $1 AND dp.reference_externe = ANY($2::varchar[])`,
        [ctx.demarche?.id, (records as ParticipationImportRecord[]).map((r) => r.referenceExterne)],
      );
      for (const r of rows) {
        const record: ParticipationImportRecord = {
          referenceExterne: r.reference_externe,
          communeInsee: r.commune_insee,
          pvdId: r.pvd_id,
          dateDebut: r.date_debut,
          dateFin: r.date_fin,
          attributs: r.attributs,
          source: r.source,
          dateSource: r.date_source,
        };
        map.set(keyOf('participations', record), { id: r.id, record });
      }
    } else if (ctx.type === 'postes') {
      const rows = await db.query(
        `SELECT po.id, po.reference_externe, po.pvd_id, p.id_pvd, po.intitule, po.employeur_type, po.employeur_code, po.source, po.date_source::text AS date_source,
                (SELECT json_build_object('nom', t.nom, 'debut', t.date_debut::text, 'fin', t.date_fin::text, 'quotite', t.quotite)
                   FROM poste_titulaire t WHERE t.poste_id = po.id ORDER BY t.date_debut DESC LIMIT 1) AS titulaire,
                COALESCE((SELECT json_agg(json_build_object('annee', c.annee, 'cout', c.cout::bigint) ORDER BY c.annee) FROM poste_cout_annuel c WHERE c.poste_id = po.id), '[]') AS couts,
                COALESCE((SELECT json_agg(json_build_object('financeur', f.financeur, 'debut', f.date_debut::text, 'fin', f.date_fin::text, 'part', f.part)
                                          ORDER BY array_position(ARRAY['etat', 'bdt', 'anah']::varchar[], f.financeur)) FROM poste_cofinanceur f WHERE f.poste_id = po.id), '[]') AS cofinanceurs
           FROM poste po JOIN pvd p ON p.id = po.pvd_id WHERE po.reference_externe = ANY($1::varchar[])`,
        [(records as PosteImportRecord[]).map((r) => r.referenceExterne)],
      );
      for (const r of rows) {
        const record: PosteImportRecord = {
          referenceExterne: r.reference_externe,
          pvdId: r.pvd_id,
          idPvd: r.id_pvd,
          intitule: r.intitule,
          employeurType: r.employeur_type,
          employeurCode: r.employeur_code,
          titulaire: r.titulaire,
          coutsAnnuels: r.couts.map((c: { annee: number; cout: string | number }) => ({ annee: c.annee, cout: Number(c.cout) })),
          cofinanceurs: r.cofinanceurs,
          source: r.source,
          dateSource: r.date_source,
        };
        map.set(r.reference_externe, { id: r.id, record });
      }
    } else {
      const rows = await db.query(
        `SELECT id, pvd_id, type, etat, date_signature::text AS date_signature, vaut_ort FROM convention WHERE pvd_id = ANY($1::uuid[]) AND type IN ('adhesion', 'cadre')`,
        [[...new Set((records as ConventionImportRecord[]).map((r) => r.pvdId))]],
      );
      for (const r of rows) map.set(conventionKey({ pvdId: r.pvd_id, type: r.type }), { id: r.id, record: { etat: r.etat, dateSignature: r.date_signature, vautOrt: r.vaut_ort } });
    }
    return map;
  }

  /** Writes a chunk: its records (created or updated, each audited on its PVDs' history), its report lines and its counts. */
  private async write(em: EntityManager, ctx: Context, actor: Actor, plan: Planned[], match: HeaderMatch): Promise<void> {
    const columns = new Set(match.index.keys());
    const [base] = await em.query('SELECT rejets_total + changements_total + avertissements_total AS n FROM import_national WHERE id = $1 FOR UPDATE', [ctx.importId]);
    let numero: number = base.n;
    const report: { nature: 'erreur' | 'changement' | 'avertissement'; ligne: number; colonne: string | null; motif: string | null; reference: string | null; champs: ImportChamp[] | null }[] = [];
    const audit: AuditEntry[] = [];
    const counts = { crees: 0, misAJour: 0, inchanges: 0, rejetes: 0, erreurs: 0, changements: 0, avertissements: 0 };
    for (const p of plan) {
      for (const w of warningsOf(p)) report.push({ nature: 'avertissement', ligne: w.ligne, colonne: w.colonne, motif: w.motif, reference: null, champs: null });
      if (!p.outcome.ok) {
        counts.rejetes++;
        for (const r of p.outcome.rejets) report.push({ nature: 'erreur', ligne: r.ligne, colonne: r.colonne, motif: r.motif, reference: null, champs: null });
        continue;
      }
      const { record, ligne } = p.outcome;
      const c = p.classement as Classement;
      if (c.kind === 'rejet') {
        counts.rejetes++;
        report.push({ nature: 'erreur', ligne, colonne: c.colonne, motif: c.motif, reference: null, champs: null });
      } else if (c.kind === 'inchange') counts.inchanges++;
      else if (c.kind === 'creation') {
        counts.crees++;
        audit.push(...(await this.create(em, ctx, actor, record)));
      } else {
        counts.misAJour++;
        report.push({ nature: 'changement', ligne, colonne: null, motif: null, reference: referenceOf(ctx.type, record), champs: c.champs });
        audit.push(...(await this.update(em, ctx, p.stored as Stored, record, columns)));
      }
    }
    counts.erreurs = report.filter((r) => r.nature === 'erreur').length;
    counts.avertissements = report.filter((r) => r.nature === 'avertissement').length;
    counts.changements = report.length - counts.erreurs - counts.avertissements;
    if (report.length > 0) {
      await em.query(
        `INSERT INTO import_national_ligne (import_id, numero, nature, ligne, colonne, motif, reference, champs)
         SELECT $1, n, t, l, c, m, r, ch FROM unnest($2::int[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::jsonb[]) AS x(n, t, l, c, m, r, ch)`,
        [
          ctx.importId,
          report.map(() => ++numero),
          report.map((r) => r.nature),
          report.map((r) => r.ligne),
          report.map((r) => r.colonne?.slice(0, 100) ?? null),
          report.map((r) => r.motif),
          report.map((r) => r.reference),
          report.map((r) => (r.champs ? JSON.stringify(r.champs) : null)),
        ],
      );
    }
    await em.query(
      `UPDATE import_national SET crees = crees + $2, mis_a_jour = mis_a_jour + $3, inchanges = inchanges + $4, rejetes = rejetes + $5, rejets_total = rejets_total + $6,
              changements_total = changements_total + $7, avertissements_total = avertissements_total + $8 WHERE id = $1`,
      [ctx.importId, counts.crees, counts.misAJour, counts.inchanges, counts.rejetes, counts.erreurs, counts.changements, counts.avertissements],
    );
    await this.audit.recordMany(em, actor, audit);
  }

  private async create(em: EntityManager, ctx: Context, actor: Actor, record: Record_): Promise<AuditEntry[]> {
    const importe = { importId: ctx.importId, fichier: ctx.nomFichier };
    if (ctx.type === 'orts') {
      const o = record as OrtImportRecord;
      const [row] = await em.query(
        `INSERT INTO ort (libelle, epci_siren, statut, date_signature, duree_annees, convention_cadre_id, reference_externe, source, date_source, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [o.libelle, o.epciSiren, o.statut, o.dateSignature, o.dureeAnnees, o.conventionCadreId, o.referenceExterne, o.source, o.dateSource, ctx.userId],
      );
      await em.query('INSERT INTO ort_commune (ort_id, commune_insee) SELECT $1, unnest($2::varchar[])', [row.id, o.communes]);
      return (await pvdsCovering(em, o.communes)).map((pvdId) => ({ action: 'ort.importee', entityType: 'ort', entityId: row.id, pvdId, before: null, after: { ...o, ...importe } }));
    }
    if (ctx.type === 'participations') {
      const p = record as ParticipationImportRecord;
      const [row] = await em.query(
        `INSERT INTO demarche_participation (demarche_id, commune_insee, date_debut, date_fin, attributs, reference_externe, source, date_source, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [ctx.demarche?.id, p.communeInsee, p.dateDebut, p.dateFin, JSON.stringify(p.attributs), p.referenceExterne, p.source, p.dateSource, ctx.userId],
      );
      return [{ action: 'demarche_participation.importee', entityType: 'demarche_participation', entityId: row.id, pvdId: p.pvdId, before: null, after: { ...this.participationSnapshot(ctx, p), ...importe } }];
    }
    if (ctx.type === 'postes') {
      const p = record as PosteImportRecord;
      const next = posteChildren(p);
      const id = await insertPoste(em, p.pvdId, next, ctx.userId, { referenceExterne: p.referenceExterne, source: p.source, dateSource: p.dateSource });
      return [{ action: 'poste.importe', entityType: 'poste', entityId: id, pvdId: p.pvdId, before: null, after: { ...posteSnapshot(next), reference: p.referenceExterne, source: p.source, dateSource: p.dateSource, ...importe } }];
    }
    const c = record as ConventionImportRecord;
    const adhesion = c.type === 'adhesion' ? await this.fillAdhesionDate(em, c) : [];
    const [row] = await em.query(
      `INSERT INTO convention (pvd_id, type, etat, etat_depuis, date_signature, vaut_ort, updated_by) VALUES ($1, $2, 'signee', now(), $3, $4, $5) RETURNING id`,
      [c.pvdId, c.type, c.dateSignature, c.vautOrt ?? false, ctx.userId],
    );
    // Its history: one step saying it was imported signed, without walking the workflow.
    await em.query(
      `INSERT INTO convention_transition (convention_id, action, etat_avant, etat_apres, actor_id, actor_label, commentaire, date_signature) VALUES ($1, 'signer', NULL, 'signee', $2, $3, $4, $5)`,
      [row.id, actor.id, actor.label, `Convention importée signée (import national « ${ctx.nomFichier} ») : enregistrée sans passer par le circuit de validation.`, c.dateSignature],
    );
    return [
      {
        action: 'convention.importee',
        entityType: 'convention',
        entityId: row.id,
        pvdId: c.pvdId,
        before: null,
        after: { type: c.type, etat: 'signee', dateSignature: c.dateSignature, vautOrt: c.vautOrt ?? false, ...importe },
      },
      ...adhesion.map((entry) => ({ ...entry, after: { ...(entry.after as object), ...importe } })),
    ];
  }

  /** An imported convention d'adhésion gives its PVD its adhésion date when the PVD has none (audited). */
  private async fillAdhesionDate(em: EntityManager, c: ConventionImportRecord): Promise<AuditEntry[]> {
    const rows = await em.query(
      // Through a CTE: the driver answers an UPDATE with [rows, count].
      `WITH u AS (UPDATE pvd SET date_convention_adhesion = $2, version = version + 1, updated_at = now() WHERE id = $1 AND date_convention_adhesion IS NULL RETURNING id) SELECT id FROM u`,
      [c.pvdId, c.dateSignature],
    );
    if (rows.length === 0) return [];
    return [{ action: 'pvd.date_adhesion_importee', entityType: 'pvd', entityId: c.pvdId, pvdId: c.pvdId, before: { dateConventionAdhesion: null }, after: { dateConventionAdhesion: c.dateSignature } }];
  }

  private async update(em: EntityManager, ctx: Context, stored: Stored, record: Record_, columns: ReadonlySet<string>): Promise<AuditEntry[]> {
    const importe = { importId: ctx.importId, fichier: ctx.nomFichier };
    if (ctx.type === 'orts') {
      const before = stored.record as OrtImportRecord;
      const o = mergeOrt(before, record as OrtImportRecord, columns);
      await em.query(
        `UPDATE ort SET libelle = $2, epci_siren = $3, statut = $4, date_signature = $5, duree_annees = $6, convention_cadre_id = $7, source = $8, date_source = $9,
                updated_by = $10, updated_at = now(), version = version + 1 WHERE id = $1`,
        [stored.id, o.libelle, o.epciSiren, o.statut, o.dateSignature, o.dureeAnnees, o.conventionCadreId, o.source, o.dateSource, ctx.userId],
      );
      await em.query('DELETE FROM ort_commune WHERE ort_id = $1 AND NOT (commune_insee = ANY($2::varchar[]))', [stored.id, o.communes]);
      await em.query('INSERT INTO ort_commune (ort_id, commune_insee) SELECT $1, unnest($2::varchar[]) ON CONFLICT DO NOTHING', [stored.id, o.communes]);
      const pvds = await pvdsCovering(em, [...new Set([...before.communes, ...o.communes])]);
      return pvds.map((pvdId) => ({ action: 'ort.modifiee', entityType: 'ort', entityId: stored.id, pvdId, before, after: { ...o, ...importe } }));
    }
    if (ctx.type === 'participations') {
      const before = stored.record as ParticipationImportRecord;
      const p = mergeParticipation(before, record as ParticipationImportRecord, ctx.demarche?.attributs ?? [], columns);
      await em.query(
        `UPDATE demarche_participation SET date_debut = $2, date_fin = $3, attributs = $4, source = $5, date_source = $6, updated_by = $7, updated_at = now(), version = version + 1 WHERE id = $1`,
        [stored.id, p.dateDebut, p.dateFin, JSON.stringify(p.attributs), p.source, p.dateSource, ctx.userId],
      );
      return [
        {
          action: 'demarche_participation.modifiee',
          entityType: 'demarche_participation',
          entityId: stored.id,
          pvdId: p.pvdId,
          before: this.participationSnapshot(ctx, before),
          after: { ...this.participationSnapshot(ctx, p), ...importe },
        },
      ];
    }
    if (ctx.type === 'postes') {
      const current = stored.record as PosteImportRecord;
      const p = mergePoste(current, record as PosteImportRecord, columns);
      await em.query(
        `UPDATE poste SET intitule = $2, employeur_type = $3, employeur_code = $4, source = $5, date_source = $6, updated_by = $7, updated_at = now(), version = version + 1 WHERE id = $1`,
        [stored.id, p.intitule, p.employeurType, p.employeurCode, p.source, p.dateSource, ctx.userId],
      );
      const next = posteChildren(p);
      await replacePosteChildren(em, stored.id, next);
      return [
        {
          action: 'poste.modifie',
          entityType: 'poste',
          entityId: stored.id,
          pvdId: p.pvdId,
          before: posteSnapshot(posteChildren(current)),
          after: { ...posteSnapshot(next), source: p.source, dateSource: p.dateSource, ...importe },
        },
      ];
    }
    const c = record as ConventionImportRecord;
    const before = stored.record as StoredConvention;
    await em.query('UPDATE convention SET vaut_ort = $2, updated_by = $3, updated_at = now(), version = version + 1 WHERE id = $1', [stored.id, c.vautOrt, ctx.userId]);
    return [{ action: 'convention.modifiee', entityType: 'convention', entityId: stored.id, pvdId: c.pvdId, before: { vautOrt: before.vautOrt }, after: { vautOrt: c.vautOrt, ...importe } }];
  }

  /** A participation as the dossier's history shows it: the scheme and commune, each attribute under its label. */
  private participationSnapshot(ctx: Context, p: ParticipationImportRecord) {
    const labelled = Object.fromEntries(Object.entries(p.attributs).map(([cle, value]) => [ctx.demarche?.attributs.find((d) => d.cle === cle)?.libelle ?? cle, value]));
    return { demarche: ctx.demarche?.nom, commune: p.communeInsee, reference: p.referenceExterne, dateDebut: p.dateDebut, dateFin: p.dateFin, ...labelled, source: p.source, dateSource: p.dateSource };
  }

  // Lookups, loaded once per file.

  private async communes(db: Db, insees: string[]): Promise<Map<string, CoveredCommune & { nom: string }>> {
    const rows: (CoveredCommune & { nom: string })[] = await db.query(
      `SELECT insee, nom, epci_siren AS "epciSiren", departement_code AS "departementCode", region_code AS "regionCode" FROM commune WHERE insee = ANY($1::varchar[])`,
      [[...new Set(insees)]],
    );
    return new Map(rows.map((r) => [r.insee, r]));
  }

  /** EPCIs as named places: their member communes, départements and régions as stored. */
  private async epcis(db: Db, sirens: string[]): Promise<Map<string, NamedPlace>> {
    const rows: { siren: string; nom: string; communes: string[]; departements: string[]; regions: string[] }[] = await db.query(
      `SELECT e.siren, e.nom, COALESCE(array_agg(DISTINCT c.insee) FILTER (WHERE c.insee IS NOT NULL), '{}')::text[] AS communes,
              COALESCE(array_agg(DISTINCT c.departement_code) FILTER (WHERE c.insee IS NOT NULL), '{}')::text[] AS departements,
              COALESCE(array_agg(DISTINCT c.region_code) FILTER (WHERE c.insee IS NOT NULL), '{}')::text[] AS regions
         FROM epci e LEFT JOIN commune c ON c.epci_siren = e.siren WHERE e.siren = ANY($1::varchar[]) GROUP BY e.siren, e.nom`,
      [[...new Set(sirens.filter((s) => /^\d{9}$/.test(s)))]],
    );
    return new Map(
      rows.map((r) => [r.siren, { kind: 'epci', code: r.siren, nom: r.nom, territory: { communes: r.communes, epciSirens: [r.siren], departementCodes: r.departements, regionCodes: r.regions } }]),
    );
  }

  /** PVDs named by id_pvd or by one of their communes. */
  private async pvds(db: Db, texts: string[]): Promise<Map<string, { id: string; idPvd: string }>> {
    const values = [...new Set(texts)];
    const rows: { cle: string; id: string; id_pvd: string }[] = await db.query(
      `SELECT p.id_pvd AS cle, p.id, p.id_pvd FROM pvd p WHERE p.id_pvd = ANY($1::varchar[])
       UNION ALL
       SELECT pc.commune_insee AS cle, p.id, p.id_pvd FROM pvd_commune pc JOIN pvd p ON p.id = pc.pvd_id WHERE pc.commune_insee = ANY($1::varchar[])`,
      [values],
    );
    const map = new Map<string, { id: string; idPvd: string }>();
    for (const r of rows) if (!map.has(r.cle)) map.set(r.cle, { id: r.id, idPvd: r.id_pvd });
    return map;
  }

  private async cadres(db: Db, texts: string[]): Promise<Map<string, { id: string; vautOrt: boolean; communes: string[] } | 'sans_convention'>> {
    const pvds = await this.pvds(db, texts);
    const ids = [...new Set([...pvds.values()].map((p) => p.id))];
    const rows: { pvd_id: string; id: string | null; vaut_ort: boolean | null; communes: string[] }[] = await db.query(
      `SELECT p.id AS pvd_id, c.id, c.vaut_ort, ARRAY(SELECT pc.commune_insee FROM pvd_commune pc WHERE pc.pvd_id = p.id)::text[] AS communes
         FROM pvd p LEFT JOIN convention c ON c.pvd_id = p.id AND c.type = 'cadre' WHERE p.id = ANY($1::uuid[])`,
      [ids],
    );
    const byPvd = new Map(rows.map((r) => [r.pvd_id, r.id ? { id: r.id, vautOrt: Boolean(r.vaut_ort), communes: r.communes } : ('sans_convention' as const)]));
    return new Map([...pvds.entries()].map(([text, p]) => [text, byPvd.get(p.id) ?? 'sans_convention']));
  }

  /** Former commune codes among `insees` (merged communes) and their successor today. */
  private async formerCodes(db: Db, insees: string[]): Promise<Map<string, FormerCommune>> {
    const codes = [...new Set(insees.filter((c) => /^(\d{5}|2[AB]\d{3})$/.test(c)))];
    if (codes.length === 0) return new Map();
    const rows: { insee: string; nom: string; actuelle_insee: string | null; actuelle_nom: string | null }[] = await db.query(
      `SELECT a.insee, a.nom, c.insee AS actuelle_insee, c.nom AS actuelle_nom FROM commune_ancienne a LEFT JOIN commune c ON c.insee = a.commune_actuelle_insee
        WHERE a.insee = ANY($1::varchar[]) AND NOT EXISTS (SELECT 1 FROM commune cur WHERE cur.insee = a.insee)`,
      [codes],
    );
    return new Map(rows.map((r) => [r.insee, { insee: r.insee, nom: r.nom, successeur: r.actuelle_insee ? { insee: r.actuelle_insee, nom: r.actuelle_nom ?? r.actuelle_insee } : null }]));
  }

  /** PVDs as their posts' employer is judged on: their communes as stored, their EPCIs, their territory. */
  private async pvdRecords(db: Db, ids: string[]): Promise<Map<string, NamingRecord>> {
    const rows: { id: string; communes: CoveredCommune[]; epcis: string[] }[] = await db.query(
      `SELECT p.id,
              COALESCE(json_agg(json_build_object('insee', c.insee, 'epciSiren', c.epci_siren, 'departementCode', c.departement_code, 'regionCode', c.region_code)) FILTER (WHERE c.insee IS NOT NULL), '[]') AS communes,
              array_remove(array_agg(DISTINCT c.epci_siren) || array_agg(DISTINCT p.epci_siren), NULL)::text[] AS epcis
         FROM pvd p LEFT JOIN pvd_commune pc ON pc.pvd_id = p.id LEFT JOIN commune c ON c.insee = pc.commune_insee
        WHERE p.id = ANY($1::uuid[]) GROUP BY p.id`,
      [ids],
    );
    const uniq = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
    return new Map(
      rows.map((r) => {
        const epciSirens = uniq(r.epcis);
        const territory = { communes: uniq(r.communes.map((c) => c.insee)), epciSirens, departementCodes: uniq(r.communes.map((c) => c.departementCode)), regionCodes: uniq(r.communes.map((c) => c.regionCode)) };
        return [r.id, { communes: r.communes, epciSirens, pvdTerritory: territory }];
      }),
    );
  }

  /** Each commune's PVD: absent when unknown, null when outside the programme. */
  private async pvdOfCommunes(db: Db, insees: string[]): Promise<Map<string, string | null>> {
    const rows: { insee: string; pvd_id: string | null }[] = await db.query(
      'SELECT c.insee, pc.pvd_id FROM commune c LEFT JOIN pvd_commune pc ON pc.commune_insee = c.insee WHERE c.insee = ANY($1::varchar[])',
      [[...new Set(insees)]],
    );
    return new Map(rows.map((r) => [r.insee, r.pvd_id]));
  }
}

function keyOf(type: NationalImportType, record: Record_): string {
  if (type === 'orts' || type === 'postes') return (record as OrtImportRecord | PosteImportRecord).referenceExterne;
  if (type === 'participations') return `${(record as ParticipationImportRecord).communeInsee}:${(record as ParticipationImportRecord).referenceExterne}`;
  return conventionKey(record as ConventionImportRecord);
}

function referenceOf(type: NationalImportType, record: Record_): string {
  if (type === 'orts') return (record as OrtImportRecord).referenceExterne;
  if (type === 'postes') return `${(record as PosteImportRecord).referenceExterne} (PVD ${(record as PosteImportRecord).idPvd})`;
  if (type === 'participations') return `${(record as ParticipationImportRecord).referenceExterne} (${(record as ParticipationImportRecord).communeInsee})`;
  const c = record as ConventionImportRecord;
  return `${c.idPvd} ${c.type === 'cadre' ? 'cadre' : 'adhésion'}`;
}

/** A commune as a named place (its EPCI, département, région as stored). */
function communePlace(c: (CoveredCommune & { nom: string }) | undefined): NamedPlace | undefined {
  if (!c) return undefined;
  return {
    kind: 'commune',
    code: c.insee,
    nom: c.nom,
    territory: { communes: [c.insee], epciSirens: c.epciSiren ? [c.epciSiren] : [], departementCodes: [c.departementCode], regionCodes: [c.regionCode] },
  };
}

/** An imported post's holder, costs and co-financers as the posts' storing functions take them. */
function posteChildren(p: PosteImportRecord) {
  return {
    intitule: p.intitule,
    employeurType: p.employeurType,
    employeurCode: p.employeurCode,
    operationHabitatId: null,
    operationType: null,
    operationLibelle: null,
    operationDebut: null,
    operationFin: null,
    titulaires: p.titulaire ? [{ id: '', nom: p.titulaire.nom, email: null, telephone: null, debut: p.titulaire.debut, fin: p.titulaire.fin, quotite: p.titulaire.quotite }] : [],
    coutsAnnuels: p.coutsAnnuels,
    cofinanceurs: p.cofinanceurs,
  };
}

/** An accepted line's warnings (a former commune code read as its successor); none for a rejected line. */
function warningsOf(p: Planned): ImportRejet[] {
  return p.outcome.ok && p.classement?.kind !== 'rejet' ? (p.outcome.avertissements ?? []) : [];
}

/** A line's errors as the report states them. */
function errorsOf(p: Planned): { ligne: number; colonne: string | null; motif: string }[] {
  if (!p.outcome.ok) return p.outcome.rejets;
  return p.classement?.kind === 'rejet' ? [{ ligne: p.outcome.ligne, colonne: p.classement.colonne, motif: p.classement.motif }] : [];
}

const SUMMARY = `SELECT i.id, i.type, i.demarche_id, d.nom AS demarche_nom, i.nom_fichier, i.statut, i.apercu, i.total_lignes, i.lignes_traitees, i.crees, i.mis_a_jour, i.inchanges, i.rejetes,
  i.rejets_total, i.changements_total, i.avertissements_total, i.erreur, i.job_id, i.created_at, i.confirme_le, i.termine_le, COALESCE(u.display_name, u.email) AS auteur
  FROM import_national i LEFT JOIN app_user u ON u.id = i.created_by LEFT JOIN demarche d ON d.id = i.demarche_id`;

function toDto(r: Record<string, unknown>): ImportNationalDto {
  return {
    id: r.id as string,
    type: r.type as NationalImportType,
    demarcheId: (r.demarche_id as string | null) ?? null,
    demarcheNom: (r.demarche_nom as string | null) ?? null,
    nomFichier: r.nom_fichier as string,
    statut: r.statut as NationalImportStatut,
    apercu: (r.apercu as ImportNationalApercuDto | null) ?? null,
    totalLignes: r.total_lignes as number,
    lignesTraitees: r.lignes_traitees as number,
    crees: r.crees as number,
    misAJour: r.mis_a_jour as number,
    inchanges: r.inchanges as number,
    rejetes: r.rejetes as number,
    rejetsTotal: r.rejets_total as number,
    changementsTotal: r.changements_total as number,
    avertissementsTotal: r.avertissements_total as number,
    erreur: (r.erreur as string | null) ?? null,
    jobId: (r.job_id as string | null) ?? null,
    auteur: (r.auteur as string | null) ?? null,
    creeLe: (r.created_at as Date).toISOString(),
    confirmeLe: r.confirme_le ? (r.confirme_le as Date).toISOString() : null,
    termineLe: r.termine_le ? (r.termine_le as Date).toISOString() : null,
  };
}
