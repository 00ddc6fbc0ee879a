// @ts-check
// Keeps every "next update by" line counting down, once a second, and red once overdue.

import { countdown } from './countdown.js';
import { t } from './i18n.js';

/** Starts the ticker for every `[data-deadline]` element in `root`, now and later. @param {ParentNode} root */
export function tickPromises(root) {
  const tick = () => {
    for (const line of root.querySelectorAll('[data-deadline]')) {
      const node = /** @type {HTMLElement} */ (line);
      const left = countdown(node.dataset.deadline ?? '', Date.now());
      const overdue = left.overdue || node.dataset.overdue === 'true';
      node.textContent = t(overdue ? 'overdueBy' : 'nextUpdateIn', { t: left.text });
      node.classList.toggle('overdue', overdue);
    }
  };
  tick();
  return setInterval(tick, 1000);
}
