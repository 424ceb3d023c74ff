// The progress of a referral import, without reloading the page: asks the server every two seconds,
// moves the bar, and reloads the page once checking or importing is over (the page then shows the
// result). Without JavaScript the page refreshes itself instead (a refresh inside <noscript>).
// Screen readers hear the progress in steps of a quarter, not every two seconds.

const POLL_MILLISECONDS = 2000
const ANNOUNCE_EVERY_PERCENT = 25

const box = document.querySelector('[data-import-progress]')

if (box) {
  const url = box.dataset.importProgress
  const bar = box.querySelector('progress')
  const text = box.querySelector('[data-import-progress-text]')
  const live = box.querySelector('[data-import-progress-live]')
  let announced = 0

  const show = (progress) => {
    bar.max = Math.max(progress.total, 1)
    bar.value = progress.processed
    bar.textContent = `${progress.percent}%`
    text.textContent = `${progress.message} (${progress.percent}%)`
    const step = Math.floor(progress.percent / ANNOUNCE_EVERY_PERCENT) * ANNOUNCE_EVERY_PERCENT
    if (step > announced) {
      announced = step
      live.textContent = text.textContent
    }
  }

  const poll = async () => {
    try {
      const response = await fetch(url, {
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        cache: 'no-store'
      })
      if (response.ok) {
        const progress = await response.json()
        if (!progress.active) {
          window.location.reload()
          return
        }
        show(progress)
      }
    } catch {
      // A moment without a connection: ask again next time.
    }
    window.setTimeout(poll, POLL_MILLISECONDS)
  }

  window.setTimeout(poll, POLL_MILLISECONDS)
}
