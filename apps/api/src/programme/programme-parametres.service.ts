import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  PARAMETRE_CLES,
  PARAMETRES,
  formatParametreValeur,
  isParametreCle,
  nouvelleValeurErreurs,
  parametreEnVigueur,
  type ParametreCle,
  type ParametresHistorique,
  type ParametreValeur,
} from '@suivi-pvd/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { AppError } from '../core/errors/app-error';
import { todayInFrance } from '../core/time/today';
import type { NouvelleValeurInput, ParametreDto, ParametresDto, ParametreValeurDto } from './dto/parametre.dto';

interface ParametreRow {
  id: string;
  cle: string;
  valeur: unknown;
  date_effet: string;
  created_at: Date;
  created_by_name: string | null;
}

/** Every dated value of every parameter, for the domain's computations. */
export async function loadParametres(db: DataSource | EntityManager): Promise<ParametresHistorique> {
  const rows: { cle: string; valeur: unknown; date_effet: string }[] = await db.query('SELECT cle, valeur, date_effet::text FROM programme_parametre');
  const historique: Partial<Record<ParametreCle, ParametreValeur[]>> = {};
  for (const r of rows) if (isParametreCle(r.cle)) (historique[r.cle] ??= []).push({ dateEffet: r.date_effet, valeur: r.valeur });
  return historique;
}

/**
 * The programme parameters with their dated values. A change adds a value from today or a later
 * date; a value not yet in force may be cancelled; nothing that already applied is rewritten.
 */
@Injectable()
export class ProgrammeParametresService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<ParametresDto> {
    const today = todayInFrance();
    const rows: ParametreRow[] = await this.dataSource.query(
      `SELECT p.id, p.cle, p.valeur, p.date_effet::text, p.created_at, u.display_name AS created_by_name
         FROM programme_parametre p LEFT JOIN app_user u ON u.id = p.created_by ORDER BY p.cle, p.date_effet`,
    );
    const historique: Partial<Record<ParametreCle, ParametreValeur[]>> = {};
    for (const r of rows) if (isParametreCle(r.cle)) (historique[r.cle] ??= []).push({ dateEffet: r.date_effet, valeur: r.valeur });
    return {
      aujourdhui: today,
      parametres: PARAMETRE_CLES.map((cle): ParametreDto => {
        const mine = rows.filter((r) => r.cle === cle);
        const current = mine.filter((r) => r.date_effet <= today).at(-1);
        const valeurActuelle = parametreEnVigueur(historique, cle, today);
        return {
          cle,
          libelle: PARAMETRES[cle].libelle,
          aide: PARAMETRES[cle].aide,
          nature: PARAMETRES[cle].nature,
          valeurActuelle,
          libelleActuel: formatParametreValeur(cle, valeurActuelle),
          valeurs: mine.map(
            (r): ParametreValeurDto => ({
              id: r.id,
              dateEffet: r.date_effet,
              valeur: r.valeur,
              libelle: formatParametreValeur(cle, r.valeur),
              statut: r.date_effet > today ? 'a_venir' : r === current ? 'en_vigueur' : 'passee',
              creePar: r.created_by_name,
              creeLe: new Date(r.created_at).toISOString(),
              annulable: r.date_effet > today,
            }),
          ),
        };
      }),
    };
  }

  async add(user: CurrentUser, actor: Actor, input: NouvelleValeurInput): Promise<ParametresDto> {
    const today = todayInFrance();
    const errors = nouvelleValeurErreurs(input.cle, input.valeur, input.dateEffet, today);
    if (Object.keys(errors).length > 0) throw new AppError('VALIDATION_FAILED', 'La nouvelle valeur ne peut pas être enregistrée.', errors);
    await this.dataSource.transaction(async (em) => {
      // One writer at a time per parameter: the check below and the insert see the same rows.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`programme_parametre:${input.cle}`]);
      const [existing] = await em.query('SELECT id FROM programme_parametre WHERE cle = $1 AND date_effet = $2', [input.cle, input.dateEffet]);
      if (existing) {
        throw new AppError('PARAMETRE_DATE_TAKEN', 'Une valeur est déjà prévue à cette date pour ce paramètre : annulez-la avant d’en prévoir une autre.', {
          dateEffet: ['Une valeur est déjà prévue à cette date.'],
        });
      }
      const before = parametreEnVigueur(await loadParametres(em), input.cle, input.dateEffet);
      const [row] = await em.query('INSERT INTO programme_parametre (cle, valeur, date_effet, created_by) VALUES ($1, $2, $3, $4) RETURNING id', [
        input.cle,
        JSON.stringify(input.valeur),
        input.dateEffet,
        user.id,
      ]);
      await this.audit.record(em, actor, {
        action: 'parametre.valeur_ajoutee',
        entityType: 'programme_parametre',
        entityId: row.id,
        before: { cle: input.cle, valeur: before, dateEffet: input.dateEffet },
        after: { cle: input.cle, valeur: input.valeur, dateEffet: input.dateEffet },
      });
    });
    return this.list();
  }

  /** Cancels a value that has not applied yet. */
  async cancel(actor: Actor, id: string): Promise<ParametresDto> {
    const today = todayInFrance();
    await this.dataSource.transaction(async (em) => {
      const [row]: { id: string; cle: string; valeur: unknown; date_effet: string }[] = await em.query(
        'SELECT id, cle, valeur, date_effet::text FROM programme_parametre WHERE id = $1 FOR UPDATE',
        [id],
      );
      if (!row) throw new AppError('PARAMETRE_NOT_FOUND', 'Valeur de paramètre introuvable.');
      if (row.date_effet <= today) {
        throw new AppError('PARAMETRE_ALREADY_APPLIED', 'Cette valeur s’applique déjà : elle fait partie de l’historique et ne peut plus être annulée. Prévoyez une nouvelle valeur.');
      }
      await em.query('DELETE FROM programme_parametre WHERE id = $1', [id]);
      await this.audit.record(em, actor, {
        action: 'parametre.valeur_annulee',
        entityType: 'programme_parametre',
        entityId: id,
        before: { cle: row.cle, valeur: row.valeur, dateEffet: row.date_effet },
        after: null,
      });
    });
    return this.list();
  }
}
