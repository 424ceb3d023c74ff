// "Print these codes": a button that only works with JavaScript, so it is hidden until this runs.
for (const button of document.querySelectorAll('[data-act-print]')) {
  button.hidden = false
  button.addEventListener('click', () => window.print())
}
