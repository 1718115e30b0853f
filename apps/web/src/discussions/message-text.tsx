import { messageSegments } from '@suivi-pvd/domain';

/**
 * A message's plain text: text nodes and http(s) links only (never HTML), line breaks kept.
 * Links open in a new tab without giving it access to this page.
 */
export function MessageText({ texte }: { texte: string }) {
  return (
    <p style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} className="fr-mb-1w">
      {messageSegments(texte).map((segment, i) =>
        segment.kind === 'lien' ? (
          <a key={i} href={segment.href} target="_blank" rel="noopener noreferrer nofollow" title={`${segment.text} – nouvelle fenêtre`}>
            {segment.text}
          </a>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </p>
  );
}
