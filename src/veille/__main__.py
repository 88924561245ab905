"""`python -m veille` runs the command line."""

from veille.cli.main import main

if __name__ == "__main__":
    main()
