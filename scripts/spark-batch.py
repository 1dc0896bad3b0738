"""The driver file for ``spark-submit``: runs the ``diplograph`` command with its arguments.

spark-submit only runs ``.py`` files, so this stands in for the console script:

    spark-submit --master yarn scripts/spark-batch.py batch CORPUS --engine spark -o OUT.parquet

Keep this file outside ``src/diplograph/batch/``: run as a script, its directory goes first on
``sys.path``, and that directory's ``io.py`` would shadow the standard library's.
"""

from diplograph.cli import main

if __name__ == "__main__":
    main()
