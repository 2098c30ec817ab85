import { frenchTypography } from '../../../contracts/typography.js';

// French typography at render time, in one place: every text node the app renders passes through
// contracts/typography.ts, whatever component wrote it, so no string of the app has to remember it.
// What a person typed or pasted is left as it is: form fields, preformatted copies, and anything marked
// translate="no" (the message under analysis, a signalement's facts) or data-verbatim.

const SKIPPED = new Set(['INPUT', 'TEXTAREA', 'PRE', 'CODE', 'SCRIPT', 'STYLE', 'KBD', 'SAMP', 'OPTION']);

function isVerbatim(node: Node): boolean {
  for (let element = node.parentElement; element; element = element.parentElement) {
    if (SKIPPED.has(element.tagName)) return true;
    if (element.getAttribute('translate') === 'no' || element.hasAttribute('data-verbatim') || element.isContentEditable) return true;
  }
  return false;
}

function typesetNode(node: Node): void {
  if (node.nodeType === Node.TEXT_NODE) {
    const value = node.nodeValue ?? '';
    if (!value.trim() || isVerbatim(node)) return;
    const typeset = frenchTypography(value);
    // Only a real change is written: writing would queue another mutation.
    if (typeset !== value) node.nodeValue = typeset;
    return;
  }
  if (node.nodeType !== Node.ELEMENT_NODE || SKIPPED.has((node as Element).tagName)) return;
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) typesetNode(text);
}

/** Typesets what is under `root` now and whatever is rendered there later. Returns the way to stop. */
export function installFrenchTypography(root: Node): () => void {
  typesetNode(root);
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) {
      if (mutation.type === 'characterData') typesetNode(mutation.target);
      else mutation.addedNodes.forEach(typesetNode);
    }
  });
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  // The document title is read aloud and shown in tabs too.
  const title = () => {
    const typeset = frenchTypography(document.title);
    if (typeset !== document.title) document.title = typeset;
  };
  const titleElement = document.querySelector('title');
  const titleObserver = titleElement ? new MutationObserver(title) : null;
  if (titleElement) titleObserver!.observe(titleElement, { childList: true, characterData: true, subtree: true });
  title();
  return () => {
    observer.disconnect();
    titleObserver?.disconnect();
  };
}
