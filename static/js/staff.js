// GOV.UK Frontend and MOJ Frontend components, started on every staff page.
import { initAll as initGovuk } from '../govuk/govuk-frontend.min.js'
import { initAll as initMoj } from '../moj/moj-frontend.min.js'

initGovuk()
initMoj()
