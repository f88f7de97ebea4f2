import CLI

await TocsinCtl.runMain()
