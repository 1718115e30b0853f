import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { decideInvitation, passwordProblem, ROLE_LABELS } from '@suivi-pvd/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../core/audit/audit.service';
import type { CurrentUser } from '../core/auth/current-user';
import { hashPassword } from '../core/auth/session.service';
import { AppError } from '../core/errors/app-error';
import { ensureOrganisation, OrganisationSpec } from '../organisations/ensure-organisation';
import { territoryOf } from '../organisations/territory';
import { AccountEmailsService } from './account-emails.service';
import { consumeToken } from './auth-tokens';
import { InviteInput, InviteResultDto, OrganisationRefInput } from './dto/comptes.dto';

/** The organisation an invitation names, checked field by field. */
export function toOrganisationSpec(input: OrganisationRefInput): OrganisationSpec {
  const missing = (field: string) => new AppError('VALIDATION_FAILED', 'Organisation incomplète.', { [`organisation.${field}`]: ['Ce champ est obligatoire.'] });
  switch (input.type) {
    case 'commune':
      if (!input.communeInsee) throw missing('communeInsee');
      return { type: 'commune', communeInsee: input.communeInsee };
    case 'epci':
      if (!input.epciSiren) throw missing('epciSiren');
      return { type: 'epci', epciSiren: input.epciSiren };
    case 'prefecture':
      if (!input.departementCode) throw missing('departementCode');
      return { type: 'prefecture', departementCode: input.departementCode };
    case 'sgar':
      if (!input.regionCode) throw missing('regionCode');
      return { type: 'sgar', regionCode: input.regionCode };
    case 'anct':
      return { type: 'anct' };
    case 'partenaire':
      if (!input.nom) throw missing('nom');
      return { type: 'partenaire', nom: input.nom.trim() };
  }
}

/**
 * Invitations: an administrator (anywhere) or a préfecture (chefs de projet and élus of its
 * communes and EPCI) gives someone a role in an organisation. A new address gets an account and a
 * single-use link to choose a password; an existing account gets the role and a notice.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly accountEmails: AccountEmailsService,
  ) {}

  async invite(inviter: CurrentUser, input: InviteInput, actor: Actor): Promise<InviteResultDto> {
    const spec = toOrganisationSpec(input.organisation);
    const territory = await territoryOf(this.dataSource, spec);
    if (!territory) throw new AppError('TERRITORY_NOT_FOUND', 'Ce territoire n’existe pas dans le référentiel.');
    const decision = decideInvitation(inviter.memberships, { organisationType: spec.type, role: input.role, territory });
    if (!decision.allowed) {
      if (decision.reason === 'ROLE_HORS_ORGANISATION') {
        throw new AppError('ROLE_NOT_ALLOWED_IN_ORGANISATION', `Le rôle « ${ROLE_LABELS[input.role]} » n’existe pas dans ce type d’organisation.`, {
          role: ['Rôle incompatible avec l’organisation choisie.'],
        });
      }
      throw new AppError('INVITATION_OUT_OF_SCOPE', 'Vous ne pouvez pas inviter à ce rôle dans cette organisation.');
    }
    const email = input.email.trim().toLowerCase();
    const result = await this.dataSource.transaction(async (em) => {
      const organisation = await ensureOrganisation(em, spec);
      const [existing]: { id: string; active: boolean; password_hash: string | null }[] = await em.query(
        'SELECT id, active, password_hash FROM app_user WHERE email = $1 FOR UPDATE',
        [email],
      );
      let userId: string;
      let invitation: boolean;
      if (existing) {
        userId = existing.id;
        invitation = !existing.password_hash;
      } else {
        const [created] = await em.query('INSERT INTO app_user (email, display_name) VALUES ($1, $2) RETURNING id', [email, input.displayName.trim()]);
        userId = created.id;
        invitation = true;
      }
      const [membership] = await em.query(
        `INSERT INTO membership (user_id, organisation_id, role) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, organisation_id) DO UPDATE SET role = EXCLUDED.role
         RETURNING id, (xmax = 0) AS inserted`,
        [userId, organisation.id, input.role],
      );
      await this.audit.record(em, actor, {
        action: 'compte.invitation',
        entityType: 'user',
        entityId: userId,
        before: null,
        after: { email, organisation: organisation.nom, role: input.role, nouveauCompte: !existing, rattachement: membership.id },
      });
      // The email (with its link, issued by the job) goes through the job queue: a mail outage neither fails this request nor loses it.
      await this.accountEmails.queue(em, { kind: invitation ? 'invitation' : 'nouveau_role', userId, inviterId: inviter.id, organisationId: organisation.id, role: input.role });
      return { userId, invitation };
    });
    this.accountEmails.wake();
    return { userId: result.userId, email, invitationSent: result.invitation };
  }

  /** The invitee chooses a password; returns the user to sign in. */
  async accept(token: string, password: string, ip: string | null): Promise<{ id: string; email: string; displayName: string }> {
    return this.dataSource.transaction(async (em) => {
      const userId = await consumeToken(em, token, 'invitation');
      const [user] = await em.query('SELECT id, email, display_name FROM app_user WHERE id = $1', [userId]);
      const problem = passwordProblem(password, user.email);
      if (problem) throw new AppError('PASSWORD_REJECTED', problem, { password: [problem] });
      await em.query(
        'UPDATE app_user SET password_hash = $2, password_changed_at = now(), version = version + 1, updated_at = now() WHERE id = $1',
        [userId, await hashPassword(password)],
      );
      await this.audit.record(em, { id: userId, label: user.email, ip }, { action: 'compte.activation', entityType: 'user', entityId: userId, before: null, after: null });
      return { id: user.id, email: user.email, displayName: user.display_name };
    });
  }
}
