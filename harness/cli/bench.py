"""`python -m harness.cli.bench`: 多次运行验收套件并给出计时 (logic in harness.run.bench)."""

from harness.run.bench import main

if __name__ == "__main__":
    main()
