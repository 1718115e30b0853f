import { frenchDay, NOTIFICATION_KIND_LABELS, type NotificationKind } from '@suivi-pvd/domain';
import type { NotificationEmailCadence } from './notification.entities';

/** One notification as an email shows it. */
export interface EmailedNotification {
  kind: NotificationKind;
  title: string;
  body: string | null;
  itemLabel: string;
  itemPath: string;
  /** Day of the event in Europe/Paris (YYYY-MM-DD). */
  day: string;
}

export interface RenderInput {
  cadence: NotificationEmailCadence;
  periode: string | null;
  displayName: string;
  notifications: EmailedNotification[];
  publicUrl: string;
  /** Public unsubscribe page for this token scope. */
  unsubscribeUrl: (scope: NotificationKind | 'quotidien' | 'hebdomadaire') => string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** The scope of the List-Unsubscribe header: the kind of an immediate email, the digest's cadence. */
  unsubscribeScope: NotificationKind | 'quotidien' | 'hebdomadaire';
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only paths of the app: an item path is joined to PUBLIC_URL, never a link elsewhere. */
function itemUrl(publicUrl: string, path: string): string {
  const safe = path.startsWith('/') && !path.startsWith('//') ? path : `/${path.replace(/^\/+/, '')}`;
  return `${publicUrl}${safe}`;
}

const DIGEST_SUBJECT: Record<'quotidien' | 'hebdomadaire', (n: number, periode: string | null) => string> = {
  quotidien: (n, periode) => `Suivi PVD : ${n} notification${n > 1 ? 's' : ''}${periode ? ` du ${frenchDay(periode)}` : ''}`,
  hebdomadaire: (n) => `Suivi PVD : ${n} notification${n > 1 ? 's' : ''} de la semaine`,
};

/**
 * The French email of one notification (immediate) or of a digest (every pending notification of
 * a user, grouped by kind), in plain text and HTML, with a link to each item, to the preferences
 * page and to unsubscribe.
 */
export function renderNotificationEmail(input: RenderInput): RenderedEmail {
  const preferencesUrl = `${input.publicUrl}/notifications/preferences`;
  const centreUrl = `${input.publicUrl}/notifications`;
  if (input.cadence === 'immediat') {
    const n = input.notifications[0];
    const link = itemUrl(input.publicUrl, n.itemPath);
    const unsubscribe = input.unsubscribeUrl(n.kind);
    const kindLabel = NOTIFICATION_KIND_LABELS[n.kind];
    const text = [
      `Bonjour ${input.displayName},`,
      '',
      `${n.title} — ${n.itemLabel}`,
      ...(n.body ? ['', n.body] : []),
      '',
      `Voir : ${link}`,
      '',
      '--',
      `Vous recevez ce courriel car vos préférences demandent un envoi immédiat pour « ${kindLabel} ».`,
      `Modifier vos préférences : ${preferencesUrl}`,
      `Ne plus recevoir ces courriels : ${unsubscribe}`,
    ].join('\n');
    const html = layout(
      `<p>Bonjour ${escapeHtml(input.displayName)},</p>
<p><strong>${escapeHtml(n.title)}</strong> — ${escapeHtml(n.itemLabel)}</p>
${n.body ? `<p style="white-space:pre-line">${escapeHtml(n.body)}</p>` : ''}
<p><a href="${escapeHtml(link)}">Voir ${escapeHtml(n.itemLabel)}</a></p>`,
      `Vous recevez ce courriel car vos préférences demandent un envoi immédiat pour « ${escapeHtml(kindLabel)} ».`,
      preferencesUrl,
      unsubscribe,
    );
    return { subject: `Suivi PVD : ${n.title}`, text, html, unsubscribeScope: n.kind };
  }

  const cadence = input.cadence;
  const groups = new Map<NotificationKind, EmailedNotification[]>();
  for (const n of input.notifications) groups.set(n.kind, [...(groups.get(n.kind) ?? []), n]);
  const unsubscribe = input.unsubscribeUrl(cadence);
  const what = cadence === 'quotidien' ? 'quotidien' : 'hebdomadaire';
  const textGroups: string[] = [];
  const htmlGroups: string[] = [];
  for (const [kind, items] of groups) {
    textGroups.push(
      `${NOTIFICATION_KIND_LABELS[kind]} (${items.length})`,
      ...items.map((n) => `- ${frenchDay(n.day)} · ${n.title} — ${n.itemLabel}${n.body ? ` : ${n.body.split('\n')[0]}` : ''}\n  ${itemUrl(input.publicUrl, n.itemPath)}`),
      '',
    );
    htmlGroups.push(
      `<h2 style="font-size:1.1em">${escapeHtml(NOTIFICATION_KIND_LABELS[kind])} (${items.length})</h2>
<ul>${items
        .map(
          (n) =>
            `<li>${escapeHtml(frenchDay(n.day))} · <a href="${escapeHtml(itemUrl(input.publicUrl, n.itemPath))}">${escapeHtml(n.title)} — ${escapeHtml(n.itemLabel)}</a>${
              n.body ? `<br><span style="color:#555">${escapeHtml(n.body.split('\n')[0])}</span>` : ''
            }</li>`,
        )
        .join('\n')}</ul>`,
    );
  }
  const count = input.notifications.length;
  const text = [
    `Bonjour ${input.displayName},`,
    '',
    `Voici votre résumé ${what} de Suivi PVD : ${count} notification${count > 1 ? 's' : ''}.`,
    '',
    ...textGroups,
    `Toutes vos notifications : ${centreUrl}`,
    '',
    '--',
    `Vous recevez ce résumé ${what} selon vos préférences.`,
    `Modifier vos préférences : ${preferencesUrl}`,
    `Ne plus recevoir ce résumé : ${unsubscribe}`,
  ].join('\n');
  const html = layout(
    `<p>Bonjour ${escapeHtml(input.displayName)},</p>
<p>Voici votre résumé ${what} de Suivi PVD : ${count} notification${count > 1 ? 's' : ''}.</p>
${htmlGroups.join('\n')}
<p><a href="${escapeHtml(centreUrl)}">Toutes vos notifications</a></p>`,
    `Vous recevez ce résumé ${what} selon vos préférences.`,
    preferencesUrl,
    unsubscribe,
  );
  return { subject: DIGEST_SUBJECT[cadence](count, input.periode), text, html, unsubscribeScope: cadence };
}

function layout(content: string, why: string, preferencesUrl: string, unsubscribeUrl: string): string {
  return `<!doctype html>
<html lang="fr"><head><meta charset="utf-8"><title>Suivi PVD</title></head>
<body style="font-family:Marianne,Arial,sans-serif;color:#161616;line-height:1.5">
${content}
<hr>
<p style="font-size:0.85em;color:#555">${why}<br>
<a href="${escapeHtml(preferencesUrl)}">Modifier vos préférences</a> · <a href="${escapeHtml(unsubscribeUrl)}">Se désabonner</a></p>
</body></html>`;
}
