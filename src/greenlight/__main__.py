from greenlight.cli import main

main()
