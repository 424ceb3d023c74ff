// What someone types into a form marked data-keep is kept in this browser as they type, and put back if
// the page is reloaded or the connection drops before they send it. Sending the form forgets it.
(function () {
  'use strict'
  var forms = document.querySelectorAll('form[data-keep]')
  Array.prototype.forEach.call(forms, function (form) {
    var key = form.getAttribute('data-keep')
    var fields = form.querySelectorAll('input[type=text], input[type=tel], textarea, select')
    var kept = null
    try { kept = JSON.parse(window.localStorage.getItem(key) || 'null') } catch (e) {}
    if (kept) {
      Array.prototype.forEach.call(fields, function (field) {
        if (!field.value && typeof kept[field.name] === 'string') field.value = kept[field.name]
      })
    }
    function remember () {
      var values = {}
      Array.prototype.forEach.call(fields, function (field) { values[field.name] = field.value })
      try { window.localStorage.setItem(key, JSON.stringify(values)) } catch (e) {}
    }
    form.addEventListener('input', remember)
    form.addEventListener('change', remember)
    form.addEventListener('submit', function () {
      try { window.localStorage.removeItem(key) } catch (e) {}
    })
  })
})()
