// GOV.UK Frontend's components on the pages young people and families see: above all "Exit this page"
// (its button, and pressing Shift three times, leave for a neutral site at once), and the buttons' guard
// against sending a form twice. A module, like the staff pages' script: the Content Security Policy allows
// no inline script.
import { initAll } from '../govuk/govuk-frontend.min.js'

initAll()
