// Marks the page as having JavaScript, and GOV.UK Frontend's components as supported by this browser,
// before the page is first drawn (no flash of the no-JavaScript layout). Loaded at the top of <body>,
// not as a module, so that it runs at once. A file rather than an inline script: the Content Security
// Policy allows no inline script.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '')
