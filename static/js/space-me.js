// The page "me" of the young person's space: choosing a part redraws the picture at once, the way "Try it"
// does (the server draws it; nothing is kept until "Keep this"). Without JavaScript, "Try it" does the same.
(function () {
  'use strict'
  var form = document.querySelector('form[data-preview]')
  var preview = document.getElementById('preview')
  if (!form || !preview || !window.fetch || !window.DOMParser) return
  var waiting = null
  var asked = 0

  function redraw () {
    var data = new window.FormData(form)
    data.set('action', 'try')
    var number = ++asked
    window.fetch(form.getAttribute('action').split('#')[0], {
      method: 'POST',
      body: data,
      credentials: 'same-origin'
    }).then(function (response) {
      return response.ok ? response.text() : null
    }).then(function (html) {
      // Only the answer to the latest choice is shown.
      if (!html || number !== asked) return
      var page = new window.DOMParser().parseFromString(html, 'text/html')
      var drawn = page.getElementById('preview')
      if (drawn) preview.replaceChildren.apply(preview, Array.prototype.map.call(drawn.childNodes, function (node) {
        return document.importNode(node, true)
      }))
    }).catch(function () {})
  }

  form.addEventListener('change', function () {
    window.clearTimeout(waiting)
    waiting = window.setTimeout(redraw, 250)
  })
})()
