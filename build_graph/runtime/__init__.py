"""How the program runs, whatever it runs: output folders written whole (:mod:`.atomic`),
garbage collection held off during a run (:mod:`.heap`), jobs in forked workers
(:mod:`.forked`) and progress bars on a terminal only (:mod:`.progress`)."""
