/** Short, deterministic renderings of stored values for trace notes and violation messages. */

/** Renders a value: workers and rings by label, arrays element-wise, absence as `None`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (typeof value === 'object' && 'label' in value && typeof value.label === 'string') return value.label;
  if (typeof value === 'object' && 'describe' in value && typeof value.describe === 'function') {
    return String(value.describe());
  }
  return typeof value;
}
