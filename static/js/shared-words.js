// Saves a young person's or carer's words as they type, and keeps a copy in this browser so that a
// dropped connection or a reload loses nothing. Without JavaScript the "Save for later" button does it.
(function () {
  'use strict'
  var form = document.getElementById('words-form')
  if (!form) return
  var box = document.getElementById('words')
  var version = document.getElementById('words-version')
  var status = document.getElementById('words-status')
  var key = form.getAttribute('data-storage-key')
  var timer = null
  var saving = false
  var again = false

  function say (text) { status.textContent = text }

  function remember () {
    try { window.localStorage.setItem(key, JSON.stringify({ text: box.value, at: Date.now() })) } catch (e) {}
  }

  function forget () {
    try { window.localStorage.removeItem(key) } catch (e) {}
  }

  // Words typed here but never saved (the connection dropped) come back after a reload.
  try {
    var kept = JSON.parse(window.localStorage.getItem(key) || 'null')
    if (kept && typeof kept.text === 'string' && kept.text !== box.value) {
      box.value = kept.text
      schedule(0)
    }
  } catch (e) {}

  function save () {
    if (saving) { again = true; return }
    saving = true
    var data = new FormData(form)
    data.set('action', 'autosave')
    say('Saving…')
    fetch(window.location.href, { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body } })
      })
      .then(function (result) {
        if (result.ok) {
          version.value = result.body.version
          forget()
          say('Saved')
        } else if (result.body.conflict) {
          // Changed somewhere else: show what was saved there, keep what is typed here, and wait for
          // the person to choose (their next change or "Save for later" saves on top, knowingly).
          version.value = result.body.version
          showElsewhere(result.body.current)
          say('Your words were changed on another phone or tab. What you typed here is kept: check both, then save.')
        } else {
          say(result.body.error || 'Not saved yet. Your words are kept on this phone.')
        }
      })
      .catch(function () { say('No connection. Your words are kept on this phone and will be saved when you are back online.') })
      .then(function () {
        saving = false
        if (again) { again = false; schedule(500) }
      })
  }

  function showElsewhere (text) {
    var box2 = document.getElementById('words-elsewhere')
    if (!box2) {
      box2 = document.createElement('div')
      box2.id = 'words-elsewhere'
      box2.className = 'govuk-inset-text'
      form.parentNode.insertBefore(box2, form)
    }
    box2.textContent = 'Saved on the other phone or tab: ' + text
  }

  function schedule (delay) {
    window.clearTimeout(timer)
    timer = window.setTimeout(save, delay)
  }

  box.addEventListener('input', function () {
    remember()
    schedule(1200)
  })
  window.addEventListener('online', function () { schedule(0) })
  form.addEventListener('submit', function () { window.clearTimeout(timer); forget() })
})()
