/** What the toolbar says about saving: a flow never saved is not "Saved", even when empty. */
export function saveStateLabel(
  savedBytes: string | null,
  currentBytes: string,
): { label: string; dirty: boolean } {
  if (savedBytes === null) return { label: 'Not saved yet', dirty: true };
  return savedBytes === currentBytes ? { label: 'Saved', dirty: false } : { label: '● Unsaved', dirty: true };
}
