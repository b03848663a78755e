import FuzzHarness
import FuzzSupport

FuzzDriver.run(.spreadsheetML)
