import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { can, porteeAutorisee, programmeToday, type Portee, type Territory } from '@suivi-pvd/domain';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { hashToken } from '../core/auth/session.service';
import { APP_CONFIG, type AppConfig } from '../core/config/config';
import { AppError } from '../core/errors/app-error';
import { JobInterruptedError, type JobContext } from '../core/jobs/job-context';
import { JobsService } from '../core/jobs/jobs.service';
import { IndicateursService } from '../indicateurs/indicateurs.service';
import type { CreateRapportDto, RapportDto } from './dto/rapports.dto';
import { Rapport } from './rapport.entity';
import { RapportRenderError, renderRapportPdf } from './rapport-renderer';

export const RAPPORT_JOB = 'pilotage.rapport-pdf';
/** How long the renderer's session lives (it is deleted as soon as the PDF is printed). */
const RENDER_SESSION_MINUTES = 15;
const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

type RapportRow = Omit<Rapport, 'contenu'> & { regionCode: string | null };

/** « 1er janvier 2024 », as the published report writes its day. */
export function jourEnLettres(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${d === 1 ? '1er' : d} ${MOIS[m - 1]} ${y}`;
}

/** A clean file name: `point-avancement-france-2024-01-01.pdf`, `point-avancement-departement-23-2024-01-01.pdf`. */
export function nomFichierRapport(r: { porteeType: string; porteeCode: string | null; dateDonnees: string }): string {
  const zone = r.porteeType === 'nation' ? 'france' : `${r.porteeType}-${(r.porteeCode ?? '').toLowerCase().replace(/[^0-9a-z]/g, '')}`;
  return `point-avancement-${zone}-${r.dateDonnees}.pdf`;
}

/**
 * The Point d'avancement as PDF: asked for by the ANCT (a background job renders the report page
 * in headless Chromium as the requesting user), kept in the `rapport` table, downloaded by those
 * who read its scope once published (the ANCT sees every report), and published by the ANCT.
 */
@Injectable()
export class RapportsService implements OnModuleInit {
  private readonly logger = new Logger(RapportsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly indicateurs: IndicateursService,
    private readonly audit: AuditService,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ rapportId: string }>(RAPPORT_JOB, (ctx) => this.generate(ctx), {
      label: 'Point d’avancement (PDF)',
      // Failures are recorded on the report (échec) and not retried; an interruption (restart) is.
      retryLimit: 2,
      retryDelaySeconds: 10,
      expireInSeconds: 10 * 60,
      policy: 'stately',
    });
  }

  async create(user: CurrentUser, actor: Actor, dto: CreateRapportDto): Promise<RapportDto> {
    const today = programmeToday();
    const date = dto.date ?? today;
    if (date > today) throw new AppError('VALIDATION_FAILED', 'La date des données ne peut pas être dans le futur.', { date: ['Choisissez un jour passé ou aujourd’hui.'] });
    if (date < '2020-10-01') throw new AppError('VALIDATION_FAILED', 'Le programme a commencé le 1er octobre 2020.', { date: ['Choisissez un jour à partir du 1er octobre 2020.'] });
    const { dto: portee } = await this.indicateurs.resolvePortee(user, dto.portee, dto.portee === 'nation' ? undefined : dto.code);
    const id = await this.db.transaction(async (em) => {
      const [row]: { id: string }[] = await em.query(
        `INSERT INTO rapport (portee_type, portee_code, portee_libelle, date_donnees, demande_par, demande_par_libelle) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [portee.type, portee.code, portee.libelle, date, user.id, user.email],
      );
      const jobId = await this.jobs.send(RAPPORT_JOB, { rapportId: row.id }, { em, singletonKey: row.id });
      await em.query('UPDATE rapport SET job_id = $2 WHERE id = $1', [row.id, jobId]);
      await this.audit.record(em, actor, { action: 'rapport.demande', entityType: 'rapport', entityId: row.id, before: null, after: { portee: portee.type, code: portee.code, date } });
      return row.id;
    });
    this.jobs.notify(RAPPORT_JOB);
    return this.get(user, id);
  }

  async list(user: CurrentUser): Promise<RapportDto[]> {
    const rows = await this.rows(null);
    return rows.filter((r) => this.visible(user, r)).slice(0, 50).map(toDto);
  }

  async get(user: CurrentUser, id: string): Promise<RapportDto> {
    return toDto(await this.visibleRow(user, id));
  }

  /** The PDF and its file name; 409 while it is not ready. */
  async pdf(user: CurrentUser, id: string): Promise<{ contenu: Buffer; nomFichier: string }> {
    const row = await this.visibleRow(user, id);
    if (row.statut !== 'pret') throw new AppError('RAPPORT_NOT_READY', row.statut === 'echec' ? 'La génération de ce rapport a échoué : il n’a pas de PDF.' : 'Le PDF de ce rapport est en cours de génération.');
    const [found]: { contenu: Buffer }[] = await this.db.query('SELECT contenu FROM rapport WHERE id = $1', [id]);
    return { contenu: found.contenu, nomFichier: nomFichierRapport(row) };
  }

  /** Publishes a ready report: kept as printed, visible to everyone who reads its scope. */
  async publier(user: CurrentUser, actor: Actor, id: string): Promise<RapportDto> {
    const row = await this.visibleRow(user, id);
    if (row.statut !== 'pret') throw new AppError('RAPPORT_NOT_READY', 'Seul un rapport dont le PDF est prêt peut être publié.');
    if (row.publie) throw new AppError('RAPPORT_ALREADY_PUBLISHED', 'Ce rapport est déjà publié.');
    await this.db.transaction(async (em) => {
      const updated: [unknown[], number] = await em.query('UPDATE rapport SET publie = true, publie_le = now(), publie_par = $2 WHERE id = $1 AND NOT publie', [id, user.id]);
      if (updated[1] !== 1) throw new AppError('RAPPORT_ALREADY_PUBLISHED', 'Ce rapport est déjà publié.');
      await this.audit.record(em, actor, {
        action: 'rapport.publie',
        entityType: 'rapport',
        entityId: id,
        before: { publie: false },
        after: { publie: true, portee: row.porteeType, code: row.porteeCode, date: row.dateDonnees, taille: row.taille },
      });
    });
    return this.get(user, id);
  }

  private async rows(id: string | null): Promise<RapportRow[]> {
    const raw: Record<string, unknown>[] = await this.db.query(
      `SELECT r.id, r.portee_type, r.portee_code, r.portee_libelle, to_char(r.date_donnees, 'YYYY-MM-DD') AS date_donnees, r.statut, r.progression, r.erreur,
              r.job_id, r.taille, r.demande_par, r.demande_par_libelle, r.cree_le, r.genere_le, r.publie, r.publie_le, r.publie_par, d.region_code
         FROM rapport r LEFT JOIN departement d ON r.portee_type = 'departement' AND d.code = r.portee_code
        WHERE $1::uuid IS NULL OR r.id = $1
        ORDER BY r.cree_le DESC, r.id
        LIMIT 500`,
      [id],
    );
    return raw.map((r) => ({
      id: String(r.id),
      porteeType: r.portee_type as Rapport['porteeType'],
      porteeCode: (r.portee_code as string | null) ?? null,
      porteeLibelle: String(r.portee_libelle),
      dateDonnees: String(r.date_donnees),
      statut: r.statut as Rapport['statut'],
      progression: Number(r.progression),
      erreur: (r.erreur as string | null) ?? null,
      jobId: (r.job_id as string | null) ?? null,
      taille: r.taille === null ? null : Number(r.taille),
      demandePar: (r.demande_par as string | null) ?? null,
      demandeParLibelle: String(r.demande_par_libelle),
      creeLe: r.cree_le as Date,
      genereLe: (r.genere_le as Date | null) ?? null,
      publie: Boolean(r.publie),
      publieLe: (r.publie_le as Date | null) ?? null,
      publiePar: (r.publie_par as string | null) ?? null,
      regionCode: (r.region_code as string | null) ?? null,
    }));
  }

  /** Reports of a scope the user reads; unpublished ones only for those who publish. */
  private visible(user: CurrentUser, r: RapportRow): boolean {
    if (!r.publie && !can(user.memberships, 'rapport:publier')) return false;
    const portee: Portee = r.porteeType === 'nation' ? { type: 'nation' } : { type: r.porteeType, code: r.porteeCode ?? '' };
    const territory: Territory = {
      communes: [],
      epciSirens: [],
      departementCodes: r.porteeType === 'departement' && r.porteeCode ? [r.porteeCode] : [],
      regionCodes: r.porteeType === 'region' && r.porteeCode ? [r.porteeCode] : r.regionCode ? [r.regionCode] : [],
    };
    return porteeAutorisee(user.memberships, portee, territory);
  }

  private async visibleRow(user: CurrentUser, id: string): Promise<RapportRow> {
    const [row] = await this.rows(id);
    if (!row || !this.visible(user, row)) throw new AppError('RAPPORT_NOT_FOUND', 'Rapport introuvable.');
    return row;
  }

  /** The platform's address for the renderer: INTERNAL_URL, else this process's listening address, else 127.0.0.1:$PORT. */
  baseUrl(): string {
    if (this.config.rapport.internalUrl) return this.config.rapport.internalUrl;
    const server = this.adapterHost?.httpAdapter?.getHttpServer?.() as { address?: () => AddressInfo | string | null } | undefined;
    const address = server?.address?.();
    if (address && typeof address === 'object') {
      const any = address.address === '0.0.0.0' || address.address === '::' || address.address === '';
      const host = any ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    }
    return `http://127.0.0.1:${this.config.port}`;
  }

  /** The job: renders the report page as the requesting user, stores the PDF, or records why it failed. */
  private async generate(ctx: JobContext<{ rapportId: string }>): Promise<object> {
    const id = ctx.data.rapportId;
    const [row] = await this.rows(id);
    if (!row) return { ignore: 'rapport supprimé' };
    if (row.statut === 'pret' || row.statut === 'echec') return { statut: row.statut };
    await this.db.query(`UPDATE rapport SET statut = 'en_cours', progression = 5, erreur = NULL WHERE id = $1`, [id]);
    await ctx.progress(0, 100);
    const token = randomBytes(32).toString('base64url');
    const sessionId = hashToken(token);
    try {
      if (!row.demandePar) throw new RapportRenderError('Le compte qui a demandé ce rapport n’existe plus : demandez-le à nouveau.');
      await this.db.query(
        `INSERT INTO user_session (id, user_id, expires_at, user_agent, auth_method) VALUES ($1, $2, now() + make_interval(mins => $3), $4, 'rendu_pdf')`,
        [sessionId, row.demandePar, RENDER_SESSION_MINUTES, 'Rendu PDF du Point d’avancement'],
      );
      const query = new URLSearchParams({ portee: row.porteeType, date: row.dateDonnees });
      if (row.porteeCode) query.set('code', row.porteeCode);
      const pdf = await renderRapportPdf({
        chromiumPath: this.config.rapport.chromiumPath,
        baseUrl: this.baseUrl(),
        path: `/tableau-de-bord/rapport?${query.toString()}`,
        sessionToken: token,
        userId: row.demandePar,
        titre: `Le point d’avancement au ${jourEnLettres(row.dateDonnees)} – ${row.porteeLibelle}`,
        signal: ctx.signal,
        onProgress: async (done, total) => {
          const percent = Math.min(95, 5 + Math.round((done / total) * 90));
          await this.db.query('UPDATE rapport SET progression = GREATEST(progression, $2) WHERE id = $1', [id, percent]);
          await ctx.progress(percent, 100);
        },
      });
      await this.db.query(`UPDATE rapport SET statut = 'pret', progression = 100, contenu = $2, taille = $3, genere_le = now(), erreur = NULL WHERE id = $1`, [id, pdf, pdf.length]);
      await ctx.progress(100, 100);
      return { statut: 'pret', taille: pdf.length };
    } catch (error) {
      if (error instanceof JobInterruptedError || ctx.signal.aborted) {
        // Stopped by a restart: the job runs again, from the start.
        await this.db.query(`UPDATE rapport SET statut = 'en_attente', progression = 0 WHERE id = $1`, [id]);
        throw error instanceof JobInterruptedError ? error : new JobInterruptedError('arrêt');
      }
      const message = error instanceof RapportRenderError ? error.message : 'La génération du PDF a échoué à cause d’une erreur inattendue.';
      if (!(error instanceof RapportRenderError)) this.logger.error({ err: error, rapportId: id }, 'Report rendering failed');
      await this.db.query(`UPDATE rapport SET statut = 'echec', erreur = $2 WHERE id = $1`, [id, message]);
      return { statut: 'echec', message };
    } finally {
      await this.db.query('DELETE FROM user_session WHERE id = $1', [sessionId]).catch(() => undefined);
    }
  }
}

function toDto(r: RapportRow): RapportDto {
  return {
    id: r.id,
    portee: r.porteeType,
    code: r.porteeCode,
    libelle: r.porteeLibelle,
    date: r.dateDonnees,
    statut: r.statut,
    progression: r.progression,
    erreur: r.erreur,
    taille: r.taille,
    demandePar: r.demandeParLibelle,
    creeLe: r.creeLe.toISOString(),
    genereLe: r.genereLe?.toISOString() ?? null,
    publie: r.publie,
    publieLe: r.publieLe?.toISOString() ?? null,
    jobId: r.jobId,
    nomFichier: nomFichierRapport(r),
  };
}
