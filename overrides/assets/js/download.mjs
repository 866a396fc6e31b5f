// Hand a file made in the browser to the user as a download (no server: a blob: URL that is
// revoked after a minute). Used by the forms (form-ui.mjs) and the feedback summaries.

export function download(file) {
  const url = URL.createObjectURL(new Blob([file.data], { type: file.mime }));
  const link = Object.assign(document.createElement("a"), { href: url, download: file.name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
