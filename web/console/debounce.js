// @ts-check

/**
 * `run` called once `waitMs` after the last call, with the last call's arguments: a preview follows
 * the commander's typing without one request per key.
 * @template {unknown[]} A
 * @param {(...args: A) => void} run @param {number} waitMs
 * @example
 * const refresh = debounce(() => renderPreview(), 300);
 * textarea.addEventListener('input', refresh);
 */
export function debounce(run, waitMs) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @param {A} args */
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => run(...args), waitMs);
  };
  debounced.cancel = () => clearTimeout(timer);
  return debounced;
}
