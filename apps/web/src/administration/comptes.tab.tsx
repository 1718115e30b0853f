import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Pagination } from '@codegouvfr/react-dsfr/Pagination';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { isRole, ROLE_LABELS, ROLES_BY_ORGANISATION_TYPE, type Role } from '@suivi-pvd/domain';
import { formatDateTime, formatNumber } from '@suivi-pvd/ui';
import { useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { LoadingView } from '../app/loading.view';
import { QueryErrorAlert, errorMessage } from '../app/query-error-alert';
import type { Me } from '../auth/data/session.hooks';
import { hasPermission } from '../auth/permissions';
import {
  useChangeRole,
  useComptes,
  useSetAccountActive,
  type UserAccount,
  type UserMembership,
} from './data/comptes.hooks';
import { readPage, SearchForm, tabSearch } from './search-form';

interface Feedback {
  severity: 'success' | 'error';
  text: string;
}

function AccountState({ account }: { account: UserAccount }) {
  if (!account.active) return <Badge severity="error" small noIcon>Désactivé</Badge>;
  if (account.pendingInvitation) return <Badge severity="info" small noIcon>Invitation en attente</Badge>;
  return <Badge severity="success" small noIcon>Actif</Badge>;
}

/** Accounts list with search, state changes and role changes. */
export function ComptesTab({ me }: { me: Me }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const q = (searchParams.get('q') ?? '').trim();
  const page = readPage(searchParams.get('page'));
  const comptes = useComptes({ q, page });
  const canManage = hasPermission(me, 'comptes:gerer');

  const setActive = useSetAccountActive();
  const changeRole = useChangeRole();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const feedbackRef = useRef<HTMLDivElement>(null);

  const show = (next: Feedback) => {
    setFeedback(next);
    requestAnimationFrame(() => feedbackRef.current?.focus());
  };

  const confirmActive = (account: UserAccount, active: boolean) => {
    setActive.mutate(
      { account, active },
      {
        onSuccess: (updated) =>
          show({
            severity: 'success',
            text: active
              ? `Le compte de ${updated.displayName} est réactivé.`
              : `Le compte de ${updated.displayName} est désactivé : cette personne ne peut plus se connecter.`,
          }),
        onError: (error) => show({ severity: 'error', text: errorMessage(error) }),
        onSettled: () => setConfirming(null),
      },
    );
  };

  const saveRole = (account: UserAccount, membership: UserMembership, role: Role) => {
    changeRole.mutate(
      { account, membershipId: membership.id, role },
      {
        onSuccess: (updated) =>
          show({
            severity: 'success',
            text: `${updated.displayName} est désormais « ${ROLE_LABELS[role]} » – ${membership.organisationNom}.`,
          }),
        onError: (error) => show({ severity: 'error', text: errorMessage(error) }),
      },
    );
  };

  const headers = ['Nom', 'Adresse électronique', 'Organisations et rôles', 'État', 'Dernière connexion'];
  if (canManage) headers.push('Actions');

  return (
    <>
      <h2 className={fr.cx('fr-h4')}>Comptes</h2>
      <SearchForm
        label="Rechercher un compte (nom ou adresse électronique)"
        value={q}
        onSearch={(text) => setSearchParams(tabSearch(searchParams, { q: text, page: null }))}
      />
      <div ref={feedbackRef} tabIndex={-1} style={{ outline: 'none' }}>
        {feedback && (
          <Alert
            className={fr.cx('fr-mb-3w')}
            severity={feedback.severity}
            role={feedback.severity === 'error' ? 'alert' : 'status'}
            small
            description={feedback.text}
            closable
            onClose={() => setFeedback(null)}
          />
        )}
      </div>
      {comptes.isPending && <LoadingView label="Chargement des comptes…" />}
      {comptes.isError && (
        <QueryErrorAlert
          title="Les comptes n'ont pas pu être chargés"
          error={comptes.error}
          onRetry={() => void comptes.refetch()}
        />
      )}
      {comptes.data && (
        <section aria-busy={comptes.isFetching} aria-label="Liste des comptes">
          <p role="status" aria-live="polite">
            {comptes.data.total === 0
              ? q
                ? `Aucun compte ne correspond à « ${q} ».`
                : 'Aucun compte.'
              : `${formatNumber(comptes.data.total)} compte${comptes.data.total > 1 ? 's' : ''}${q ? ` pour « ${q} »` : ''}.`}
          </p>
          {comptes.data.items.length > 0 && (
            <Table
              caption="Comptes"
              noCaption
              bordered
              headers={headers}
              data={comptes.data.items.map((account) => {
                const isSelf = account.id === me.id;
                const row = [
                  <span key="nom">
                    {account.displayName}
                    {isSelf && <span className={fr.cx('fr-text--sm')}> (vous)</span>}
                  </span>,
                  account.email,
                  <ul key="roles" className={fr.cx('fr-mb-0')} style={{ listStyle: 'none', paddingLeft: 0 }}>
                    {account.memberships.map((membership) => (
                      <li key={membership.id} className={fr.cx('fr-mb-1w')}>
                        {canManage ? (
                          <RoleEditor
                            account={account}
                            membership={membership}
                            pending={changeRole.isPending && changeRole.variables.membershipId === membership.id}
                            onSave={(role) => saveRole(account, membership, role)}
                          />
                        ) : (
                          <MembershipLabel membership={membership} />
                        )}
                      </li>
                    ))}
                  </ul>,
                  <AccountState key="etat" account={account} />,
                  account.lastLoginAt ? (formatDateTime(account.lastLoginAt) ?? account.lastLoginAt) : 'Jamais',
                ];
                if (canManage) {
                  row.push(
                    isSelf ? (
                      '—'
                    ) : (
                      <ActiveToggle
                        key="actions"
                        account={account}
                        confirming={confirming === account.id}
                        pending={setActive.isPending && setActive.variables.account.id === account.id}
                        onAsk={() => setConfirming(account.id)}
                        onCancel={() => setConfirming(null)}
                        onConfirm={() => confirmActive(account, !account.active)}
                      />
                    ),
                  );
                }
                return row;
              })}
            />
          )}
          <ComptesPagination total={comptes.data.total} pageSize={comptes.data.pageSize} page={page} />
        </section>
      )}
    </>
  );
}

function ComptesPagination({ total, pageSize, page }: { total: number; pageSize: number; page: number }) {
  const [searchParams] = useSearchParams();
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (pageCount <= 1) return null;
  return (
    <Pagination
      className={fr.cx('fr-mt-2w')}
      count={pageCount}
      defaultPage={Math.min(page, pageCount)}
      showFirstLast
      getPageLinkProps={(pageNumber) => ({ to: tabSearch(searchParams, { page: pageNumber }) })}
    />
  );
}

/** "Désactiver" / "Réactiver" with an inline confirmation. */
function ActiveToggle({
  account,
  confirming,
  pending,
  onAsk,
  onCancel,
  onConfirm,
}: {
  account: UserAccount;
  confirming: boolean;
  pending: boolean;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const verb = account.active ? 'Désactiver' : 'Réactiver';
  if (!confirming) {
    return (
      <Button size="small" priority={account.active ? 'secondary' : 'primary'} onClick={onAsk}>
        {verb}
        <span className={fr.cx('fr-sr-only')}> le compte de {account.displayName}</span>
      </Button>
    );
  }
  return (
    <div role="group" aria-label={`Confirmation : ${verb.toLowerCase()} le compte de ${account.displayName}`}>
      <p className={fr.cx('fr-text--sm', 'fr-mb-1w')}>
        {account.active
          ? `Désactiver le compte de ${account.displayName} ? Cette personne ne pourra plus se connecter.`
          : `Réactiver le compte de ${account.displayName} ?`}
      </p>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--sm', 'fr-btns-group--inline', 'fr-mb-0')}>
        <li>
          <Button
            size="small"
            disabled={pending}
            onClick={onConfirm}
            nativeButtonProps={{ autoFocus: true }}
          >
            {pending ? 'Enregistrement…' : `Confirmer`}
          </Button>
        </li>
        <li>
          <Button size="small" priority="tertiary" disabled={pending} onClick={onCancel}>
            Annuler
          </Button>
        </li>
      </ul>
    </div>
  );
}

/** A membership with a select to change its role (among the roles of the organisation type). */
function RoleEditor({
  account,
  membership,
  pending,
  onSave,
}: {
  account: UserAccount;
  membership: UserMembership;
  pending: boolean;
  onSave: (role: Role) => void;
}) {
  const [role, setRole] = useState<Role>(membership.role);
  const [savedRole, setSavedRole] = useState<Role>(membership.role);
  // The role changed on the server (refetch): follow it.
  if (membership.role !== savedRole) {
    setSavedRole(membership.role);
    setRole(membership.role);
  }
  const roles = ROLES_BY_ORGANISATION_TYPE[membership.organisationType];
  if (roles.length < 2) return <MembershipLabel membership={membership} />;
  const selectId = `role-${membership.id}`;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (role !== membership.role) onSave(role);
      }}
      aria-label={`Rôle de ${account.displayName} – ${membership.organisationNom}`}
    >
      <label htmlFor={selectId} className={fr.cx('fr-text--sm', 'fr-mb-1v')} style={{ display: 'block' }}>
        {membership.organisationNom}
        <span className={fr.cx('fr-sr-only')}> : rôle de {account.displayName}</span>
      </label>
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', flexWrap: 'wrap' }}>
        <select
          id={selectId}
          className={fr.cx('fr-select')}
          style={{ width: 'auto', marginTop: 0 }}
          value={role}
          disabled={pending}
          onChange={(event) => {
            const next = event.currentTarget.value;
            if (isRole(next)) setRole(next);
          }}
        >
          {roles.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
        <Button type="submit" size="small" priority="secondary" disabled={pending || role === membership.role}>
          {pending ? 'Enregistrement…' : 'Modifier'}
          <span className={fr.cx('fr-sr-only')}> le rôle</span>
        </Button>
      </div>
    </form>
  );
}

/** Organisation name above the role, as in the editable version. */
function MembershipLabel({ membership }: { membership: UserMembership }) {
  return (
    <>
      <span className={fr.cx('fr-text--sm')} style={{ display: 'block', marginBottom: '0.25rem' }}>
        {membership.organisationNom}
      </span>
      {ROLE_LABELS[membership.role]}
    </>
  );
}
