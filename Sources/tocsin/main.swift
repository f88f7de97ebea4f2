import Server

await TocsinCommand.runMain()
