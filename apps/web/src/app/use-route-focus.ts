import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

const WAIT_FOR_HEADING_MS = 2000;

function focusElement(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}

/**
 * After client-side navigation, moves the focus to the page's main heading, as a page load
 * would, so keyboard and screen-reader users start at the new content. Pages that load their
 * data first render their heading later: we wait for it a little, then fall back to <main>.
 * Changes of the query string alone (search, pagination, filters) keep the focus where it is.
 */
export function useRouteFocus(mainId: string): void {
  const { pathname } = useLocation();
  const previous = useRef<string | null>(null);

  useEffect(() => {
    if (previous.current === null || previous.current === pathname) {
      previous.current = pathname;
      return;
    }
    previous.current = pathname;
    const main = document.getElementById(mainId);
    if (!main) return;

    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) {
      focusElement(heading);
      return;
    }
    const observer = new MutationObserver(() => {
      const h1 = main.querySelector<HTMLElement>('h1');
      if (h1) {
        cleanup();
        focusElement(h1);
      }
    });
    const timer = setTimeout(() => {
      cleanup();
      focusElement(main);
    }, WAIT_FOR_HEADING_MS);
    const cleanup = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    observer.observe(main, { childList: true, subtree: true });
    return cleanup;
  }, [pathname, mainId]);
}
