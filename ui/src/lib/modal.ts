/** Opens or closes a <dialog> as a modal to match `open`. */
export function syncModal(dialog: HTMLDialogElement | undefined, open: boolean) {
  if (!dialog) return;
  if (open && !dialog.open) dialog.showModal();
  if (!open && dialog.open) dialog.close();
}
