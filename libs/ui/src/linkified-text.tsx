import { Fragment } from 'react';

const URL_PATTERN = /(https?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]])/g;

export interface LinkifiedTextProps {
  text: string;
  className?: string;
}

/**
 * Plain text (e.g. the body of an email) with line breaks kept and its http(s) addresses turned
 * into links. Never interprets HTML.
 */
export function LinkifiedText({ text, className }: LinkifiedTextProps) {
  const parts = text.split(URL_PATTERN);
  return (
    <p className={className} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {parts.map((part, index) =>
        // split() with a capturing group puts the matches at odd indexes.
        index % 2 === 1 ? (
          <a key={index} href={part}>
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </p>
  );
}
